namespace NewsBot.Discord.Rest;

/// <summary>
/// One REST call: the concrete path plus what rate limiting keys on. Discord scopes a bucket by its
/// top-level resource (channel, guild, webhook or interaction), so <see cref="Major"/> carries that id.
/// </summary>
internal sealed record DiscordRoute(HttpMethod Method, string Path, string Template, string Major)
{
    /// <summary>Set when the route's top-level resource is a channel: 403/404 stop further sends to it.</summary>
    public ulong? ChannelId { get; init; }

    /// <summary>Interaction replies and follow-ups are not counted against the global limit.</summary>
    public bool ExemptFromGlobal { get; init; }

    /// <summary>Webhook-token routes authenticate by the token in the path, not the bot token.</summary>
    public bool UsesBotToken { get; init; } = true;

    /// <summary>The route as it appears in errors and logs: method and template, never a token.</summary>
    public string Display => $"{Method.Method} /{Template}";

    /// <summary>The provisional bucket key until Discord names the bucket.</summary>
    public string RouteKey => $"{Method.Method} {Template}";
}
