using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Display;
using NewsBot.Feeds.FullText;
using NewsBot.Summaries;

namespace NewsBot.Commands;

/// <summary>What `/set` shows and changes: the channel's summary language, display defaults, and its feeds' full-text modes and display settings.</summary>
public sealed record ChannelSettings(string? SummaryLanguage, IReadOnlyList<(long FeedId, string Name, FullTextMode FullText)> Feeds)
{
    public DisplaySettings Defaults { get; init; } = DisplaySettings.None;
    public IReadOnlyList<(long FeedId, string Name, DisplaySettings Display)> Displays { get; init; } = [];
}

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
            .Select(s => new { s.Feed!.Id, s.Feed.Title, s.Feed.Url, s.Feed.FullText, s.Display })
            .ToListAsync(ct);
        return new ChannelSettings(channel.SummaryLanguage, feeds.Select(f => (f.Id, f.Title ?? f.Url, f.FullText)).ToList())
        {
            Defaults = DisplaySettings.FromJson(channel.Display),
            Displays = feeds.Select(f => (f.Id, f.Title ?? f.Url, DisplaySettings.FromJson(f.Display))).ToList(),
        };
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

    /// <summary>Changes the display settings of one feed subscription of this chat, or with a null <paramref name="feedRef"/> the chat's defaults.</summary>
    /// <param name="feedRef">A feed of this chat (id, URL or title); empty when the chat follows exactly one feed.</param>
    /// <param name="change">The new settings from the old, or null and why not; nothing is stored then.</param>
    /// <returns>What was changed ("this chat" or the feed's name), or null and the reason.</returns>
    public async Task<(string? Name, string Problem)> ChangeDisplayAsync(ChannelRef channelRef, string? feedRef,
        Func<DisplaySettings, (DisplaySettings? Changed, string Problem)> change, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (feedRef is null)
        {
            var channel = await GetOrCreateChannelAsync(db, channelRef, time.GetUtcNow().UtcDateTime, ct);
            var (changed, problem) = change(DisplaySettings.FromJson(channel.Display));
            if (changed is null)
            {
                return (null, problem);
            }
            channel.Display = changed.ToJson();
            await db.SaveChangesAsync(ct);
            return ("", "");
        }
        var mine = await FeedSubscriptionsAsync(db, channelRef, ct);
        var match = feedRef.Length == 0 && mine.Count == 1 ? mine[0] : FindFeedSubscription(mine, feedRef);
        if (match is null)
        {
            return (null, mine.Count switch
            {
                0 => "this chat has no subscriptions",
                _ when feedRef.Length == 0 => $"this chat follows {mine.Count} feeds: name one (/set <feed> <option> <value>, feed by id from /list or URL), or use /set default <option> <value> for all of them",
                _ => $"this chat has no subscription matching '{feedRef}'; see /list",
            });
        }
        var (next, why) = change(DisplaySettings.FromJson(match.Display));
        if (next is null)
        {
            return (null, why);
        }
        match.Display = next.ToJson();
        await db.SaveChangesAsync(ct);
        return (match.Feed!.Title ?? match.Feed.Url, "");
    }

    /// <summary>How a post of <paramref name="feedUrl"/> would look here: the subscription's settings over the chat's, its zone and language.</summary>
    public Task<(DisplaySettings Display, string TimeZone, string? Language)> DisplayForAsync(ChannelRef channelRef, string feedUrl, CancellationToken ct) =>
        PostDisplays.ForFeedAsync(dbs, channelRef, feedUrl, ct);
}
