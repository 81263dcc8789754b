using Microsoft.EntityFrameworkCore;
using NewsBot.Feeds.FullText;
using NewsBot.Summaries;

namespace NewsBot.Commands;

/// <summary>What `/set` shows and changes: the channel's summary language and its feeds' full-text modes.</summary>
public sealed record ChannelSettings(string? SummaryLanguage, IReadOnlyList<(long FeedId, string Name, FullTextMode FullText)> Feeds);

public sealed partial class SubscriptionService
{
    public async Task<ChannelSettings> SettingsAsync(ChannelRef channelRef, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var channel = await db.Channels.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Platform == channelRef.Platform && c.ExternalId == channelRef.ExternalId && c.ThreadId == channelRef.ThreadId, ct);
        if (channel is null)
        {
            return new ChannelSettings(null, []);
        }
        var feeds = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ChannelId == channel.Id && s.FeedId != null)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Feed!.Id, s.Feed.Title, s.Feed.Url, s.Feed.FullText })
            .ToListAsync(ct);
        return new ChannelSettings(channel.SummaryLanguage, feeds.Select(f => (f.Id, f.Title ?? f.Url, f.FullText)).ToList());
    }

    /// <param name="language">A tag <see cref="SummaryLanguages.Normalize"/> accepted, or null for each article's own language.</param>
    public async Task SetLanguageAsync(ChannelRef channelRef, string? language, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var channel = await GetOrCreateChannelAsync(db, channelRef, time.GetUtcNow().UtcDateTime, ct);
        channel.SummaryLanguage = language;
        await db.SaveChangesAsync(ct);
    }

    /// <param name="feedRef">A feed of this chat (id, URL or title); may be empty when the chat follows exactly one feed.</param>
    /// <returns>The feed's name, or null and the reason.</returns>
    public async Task<(string? FeedName, string Problem)> SetFullTextAsync(ChannelRef channelRef, string feedRef, FullTextMode mode, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var mine = await FeedSubscriptionsAsync(db, channelRef, ct);
        var match = feedRef.Length == 0 && mine.Count == 1 ? mine[0] : FindFeedSubscription(mine, feedRef);
        if (match is null)
        {
            return (null, mine.Count == 0 ? "this chat has no subscriptions" : $"this chat has no subscription matching '{feedRef}'; see /list");
        }
        match.Feed!.FullText = mode;
        await db.SaveChangesAsync(ct);
        return (match.Feed.Title ?? match.Feed.Url, "");
    }
}
