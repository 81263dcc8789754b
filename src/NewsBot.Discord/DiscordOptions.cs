namespace NewsBot.Discord;

/// <summary>The "Discord" configuration section.</summary>
public sealed class DiscordOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Discord";

    /// <summary>The documented REST base, used when <see cref="ApiBaseUrl"/> is not set.</summary>
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token (without the "Bot " prefix).</summary>
    public string? BotToken { get; set; }

    /// <summary>The application (client) id, needed for commands and interaction follow-ups.</summary>
    public ulong? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key in hex, needed only for HTTP interactions.</summary>
    public string? PublicKey { get; set; }

    /// <summary>REST base URL; null means <see cref="DefaultApiBaseUrl"/>.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Gateway URL (wss://...); null means ask <c>GET /gateway/bot</c>.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>
    /// Another place attachments may be downloaded from, besides Discord's CDN (cdn.discordapp.com,
    /// media.discordapp.net): an http(s) URL prefix. Only tests and proxies need it; null allows Discord's CDN alone.
    /// </summary>
    public string? AttachmentBaseUrl { get; set; }

    /// <summary>Total shard count; null means the count Discord recommends.</summary>
    public int? ShardCount { get; set; }

    /// <summary>The shards this instance runs; null means all of them.</summary>
    public IList<int>? ShardIds { get; set; }

    /// <summary>
    /// Requests per second across the whole bot (Discord's global limit). 50 for most bots;
    /// Discord raises it for large ones on request, so it is a setting rather than a constant.
    /// </summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>The longest 429 wait honoured by waiting; a longer one surfaces as a <see cref="DiscordApiException"/>.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The User-Agent Discord asks bots to send: <c>DiscordBot (url, version)</c>.</summary>
    public string UserAgent { get; set; } = "DiscordBot (https://github.com/newsbot/newsbot, 0.1)";

    /// <summary>The REST base without a trailing slash.</summary>
    public Uri ResolveApiBase() => new((ApiBaseUrl ?? DefaultApiBaseUrl).TrimEnd('/') + "/");

    /// <summary>Returns one line naming the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(BotToken))
        {
            return "Discord:BotToken is required.";
        }
        if (BotToken.Any(char.IsWhiteSpace))
        {
            return "Discord:BotToken must not contain spaces (give the token without the \"Bot \" prefix).";
        }
        if (ApiBaseUrl is not null && !IsHttpUrl(ApiBaseUrl))
        {
            return $"Discord:ApiBaseUrl '{ApiBaseUrl}' is not an absolute http(s) URL.";
        }
        if (AttachmentBaseUrl is not null && !IsHttpUrl(AttachmentBaseUrl))
        {
            return $"Discord:AttachmentBaseUrl '{AttachmentBaseUrl}' is not an absolute http(s) URL.";
        }
        if (GatewayUrl is not null && !(Uri.TryCreate(GatewayUrl, UriKind.Absolute, out var g) && g.Scheme is "ws" or "wss"))
        {
            return $"Discord:GatewayUrl '{GatewayUrl}' is not an absolute ws(s) URL.";
        }
        if (PublicKey is not null && (PublicKey.Length != 64 || !PublicKey.All(Uri.IsHexDigit)))
        {
            return "Discord:PublicKey must be the 64 hex digits shown in the developer portal.";
        }
        if (ShardCount is < 1)
        {
            return "Discord:ShardCount must be at least 1.";
        }
        if (ShardIds is { Count: > 0 } ids)
        {
            if (ShardCount is null)
            {
                return "Discord:ShardIds needs Discord:ShardCount, so that every instance agrees on the count.";
            }
            if (ids.Any(id => id < 0 || id >= ShardCount))
            {
                return $"Discord:ShardIds must lie between 0 and {ShardCount - 1}.";
            }
        }
        if (GlobalRequestsPerSecond < 1)
        {
            return "Discord:GlobalRequestsPerSecond must be at least 1.";
        }
        return null;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
