namespace NewsBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>Posts to a forum channel: a new thread whose starter message is <see cref="ForumPostRequest.Message"/>.</summary>
    public Task<DiscordChannel> CreateForumPostAsync(ulong forumId, ForumPostRequest post, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Name.Length is 0 or > DiscordLimits.ThreadName)
        {
            throw new ArgumentException($"a thread name must be 1 to {DiscordLimits.ThreadName} characters", nameof(post));
        }
        if (post.Message.Nonce is not null || post.Message.EnforceNonce is not null)
        {
            throw new ArgumentException("Discord takes no nonce on a forum post", nameof(post));
        }
        CheckLimits(post.Message);
        var route = new DiscordRoute(HttpMethod.Post, $"channels/{Id(forumId)}/threads", "channels/{channel_id}/threads", Id(forumId))
        {
            ChannelId = forumId,
        };
        return SendAsync<DiscordChannel>(route, post, cancellationToken)!;
    }

    /// <summary>The guild's active threads; a forum post whose answer was lost is found here instead of being posted twice.</summary>
    public Task<ActiveThreads> ListActiveThreadsAsync(ulong guildId, CancellationToken cancellationToken = default)
    {
        var route = new DiscordRoute(HttpMethod.Get, $"guilds/{Id(guildId)}/threads/active", "guilds/{guild_id}/threads/active", Id(guildId));
        return SendAsync<ActiveThreads>(route, null, cancellationToken)!;
    }
}
