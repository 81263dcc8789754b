namespace NewsBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>
    /// Replaces the content and embeds of a message the bot sent (a forum post's starter message has the thread's id and
    /// lives in the thread). 404 with code 10008 (Unknown Message) when it was deleted; that does not stop the channel.
    /// </summary>
    /// <exception cref="ArgumentException">A nonce (edits take none) or limits broken.</exception>
    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, MessageRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Nonce is not null || message.EnforceNonce is not null)
        {
            throw new ArgumentException("Discord takes no nonce on a message edit", nameof(message));
        }
        CheckLimits(message);
        var route = new DiscordRoute(HttpMethod.Patch, $"channels/{Id(channelId)}/messages/{Id(messageId)}", "channels/{channel_id}/messages/{message_id}", Id(channelId))
        {
            ChannelId = channelId,
        };
        return SendAsync<DiscordMessage>(route, message, cancellationToken)!;
    }
}
