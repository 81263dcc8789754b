namespace NewsBot.Discord.Gateway;

/// <summary>The gateway refused the bot for a reason reconnecting cannot fix (bad token, bad intents, bad shard).</summary>
public sealed class DiscordGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DiscordGatewayException(string message, int? closeCode = null) : base(message) => CloseCode = closeCode;

    /// <summary>The gateway close code, when the failure was one.</summary>
    public int? CloseCode { get; }
}
