using System.Globalization;

namespace NewsBot.Discord.Rest;

/// <summary>
/// Discord's REST API, the calls the bot needs. Thread-safe; share one per process. Rate limits are
/// honoured inside (requests wait, 429s are retried), so a call returns once Discord accepted it or
/// refused it for a reason other than pacing.
/// </summary>
public sealed partial class DiscordRestClient
{
    /// <summary>Creates the client on an HttpClient from IHttpClientFactory.</summary>
    public DiscordRestClient(HttpClient http, DiscordOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _apiBase = options.ResolveApiBase();
        _global = new GlobalRateLimit(options.GlobalRequestsPerSecond, _time);
    }

    /// <summary>Posts a message. Set <see cref="MessageRequest.Nonce"/> and <see cref="MessageRequest.EnforceNonce"/> so a retry never posts twice.</summary>
    /// <exception cref="DiscordApiException">Discord refused it; <see cref="DiscordApiException.IsChannelUnusable"/> says whether to pause the channel.</exception>
    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageRequest message, CancellationToken cancellationToken = default) =>
        CreateMessageAsync(channelId, message, [], cancellationToken);

    /// <summary>Reads a channel: its guild, type and parent (to tell threads apart).</summary>
    public Task<DiscordChannel> GetChannelAsync(ulong channelId, CancellationToken cancellationToken = default)
    {
        var route = new DiscordRoute(HttpMethod.Get, $"channels/{Id(channelId)}", "channels/{channel_id}", Id(channelId))
        {
            ChannelId = channelId,
        };
        return SendAsync<DiscordChannel>(route, null, cancellationToken)!;
    }

    /// <summary>Replaces all global commands with <paramref name="commands"/> (one request, not one per command).</summary>
    public Task<List<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default)
    {
        var app = Id(RequireApplicationId());
        var route = new DiscordRoute(HttpMethod.Put, $"applications/{app}/commands", "applications/{application_id}/commands", app);
        return SendAsync<List<ApplicationCommand>>(route, commands, cancellationToken)!;
    }

    /// <summary>Replaces one guild's commands; takes effect at once, which suits tests and staging guilds.</summary>
    public Task<List<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken = default)
    {
        var app = Id(RequireApplicationId());
        var route = new DiscordRoute(HttpMethod.Put, $"applications/{app}/guilds/{Id(guildId)}/commands",
            "applications/{application_id}/guilds/{guild_id}/commands", Id(guildId));
        return SendAsync<List<ApplicationCommand>>(route, commands, cancellationToken)!;
    }

    /// <summary>Answers an interaction (within 3 s of its creation): message, deferred or autocomplete.</summary>
    public Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interactionId, interactionToken, response, [], cancellationToken);

    /// <summary>Sends a follow-up message to an interaction (for 15 minutes after it).</summary>
    public Task<DiscordMessage> CreateFollowupMessageAsync(string interactionToken, MessageRequest message, CancellationToken cancellationToken = default) =>
        CreateFollowupMessageAsync(interactionToken, message, [], cancellationToken);

    /// <summary>Edits the original reply, the usual way to complete a deferred (type 5) answer.</summary>
    public Task<DiscordMessage> EditOriginalResponseAsync(string interactionToken, MessageRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckLimits(message);
        var route = WebhookRoute(HttpMethod.Patch, interactionToken, "/messages/@original", "/messages/@original");
        return SendAsync<DiscordMessage>(route, message, cancellationToken)!;
    }

    /// <summary>Asks where to connect the gateway, how many shards and how many identifies are left.</summary>
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken = default)
    {
        var route = new DiscordRoute(HttpMethod.Get, "gateway/bot", "gateway/bot", "");
        return SendAsync<GatewayBotInfo>(route, null, cancellationToken)!;
    }

    private DiscordRoute WebhookRoute(HttpMethod method, string token, string suffix, string templateSuffix)
    {
        var app = Id(RequireApplicationId());
        return new DiscordRoute(method, $"webhooks/{app}/{Token(token)}{suffix}", "webhooks/{application_id}/{token}" + templateSuffix, app + "/" + token)
        {
            ExemptFromGlobal = true,
            UsesBotToken = false,
        };
    }

    private ulong RequireApplicationId() =>
        _options.ApplicationId ?? throw new InvalidOperationException("Discord:ApplicationId is required for commands and interaction replies.");

    private static void CheckLimits(MessageRequest m) => CheckLimits(m.Content, m.Embeds, m.Nonce);

    private static void CheckLimits(string? content, IReadOnlyList<Embed>? embeds, string? nonce)
    {
        if (DiscordLimits.Check(content, embeds, nonce) is { } problem)
        {
            throw new ArgumentException("Message not sent: " + problem + ".");
        }
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Token(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Uri.EscapeDataString(token);
    }
}
