namespace NewsBot.Telegram;

/// <summary>Who the bot is (from getMe at start); commands wait for it so "/cmd@name" is judged correctly.</summary>
public sealed class TelegramBotInfo
{
    private readonly TaskCompletionSource<string> _username = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set(string username) => _username.TrySetResult(username);

    public bool IsKnown => _username.Task.IsCompleted;

    public Task<string> UsernameAsync(CancellationToken ct) => _username.Task.WaitAsync(ct);
}
