using System.Text.RegularExpressions;

namespace NewsBot.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>The "Telegram" section. With no BotToken the bot runs without Telegram.</summary>
public sealed partial class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    /// <summary>Null means the real Bot API; a local Bot API server or a test fake otherwise.</summary>
    public string? ApiBaseUrl { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Public HTTPS URL Telegram posts updates to (Webhook mode); its path is served by the status page's web server.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; 1–256 characters A-Z a-z 0-9 _ -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Long-polling wait per getUpdates request.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Telegram.Bot's own 429 handling: retries up to this many requests when retry_after ≤ RetryThreshold seconds.</summary>
    public int RetryCount { get; set; } = 3;

    public int RetryThreshold { get; set; } = 60;

    /// <summary>Telegram's documented pace: about one message per second per chat…</summary>
    public double MessagesPerSecondPerChat { get; set; } = 1;

    /// <summary>…twenty per minute in a group…</summary>
    public int MessagesPerMinutePerGroup { get; set; } = 20;

    /// <summary>…and about thirty per second overall.</summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>How long a chat member's admin status is trusted before asking Telegram again.</summary>
    public TimeSpan AdminCacheTime { get; set; } = TimeSpan.FromMinutes(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public static IEnumerable<string> Rules(TelegramOptions o)
    {
        if (!o.Enabled)
        {
            yield break;
        }
        if (!TokenShape().IsMatch(o.BotToken!))
        {
            yield return "BotToken: expected the token from @BotFather, such as 123456789:AAE…";
        }
        if (o.ApiBaseUrl is not null && (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != "http" && api.Scheme != "https")))
        {
            yield return $"ApiBaseUrl: '{o.ApiBaseUrl}' is not an http(s) URL such as http://127.0.0.1:8081";
        }
        if (o.Mode == TelegramMode.Webhook)
        {
            if (!Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var hook) || (hook.Scheme != "https" && hook.Scheme != "http"))
            {
                yield return "WebhookUrl: Telegram:Mode is Webhook, so a public https URL such as https://bot.example.com/telegram/webhook is required";
            }
            if (o.WebhookSecret is null || !SecretShape().IsMatch(o.WebhookSecret))
            {
                yield return "WebhookSecret: Telegram:Mode is Webhook, so a secret of 1-256 characters A-Z, a-z, 0-9, _ or - is required";
            }
        }
        if (o.PollTimeout < TimeSpan.FromSeconds(1) || o.PollTimeout > TimeSpan.FromMinutes(5))
        {
            yield return "PollTimeout: must be between 00:00:01 and 00:05:00";
        }
        if (o.RetryCount is < 0 or > 10)
        {
            yield return "RetryCount: must be between 0 and 10";
        }
        if (o.MessagesPerSecondPerChat <= 0 || o.MessagesPerMinutePerGroup <= 0 || o.MessagesPerSecond <= 0)
        {
            yield return "MessagesPerSecond: rate limits must be positive";
        }
    }

    /// <summary>The path the webhook endpoint listens on: the path of WebhookUrl, or /telegram/webhook.</summary>
    public string WebhookPath =>
        Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var u) && u.AbsolutePath.Length > 1 ? u.AbsolutePath : "/telegram/webhook";

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();
}
