using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Web;

/// <summary>What the status page shows, read in one pass: feeds with their health, channels, backlog, recent posts.</summary>
public sealed record StatusSnapshot(
    DateTime Now,
    int FeedCount,
    int FailingCount,
    int DisabledCount,
    List<StatusSnapshot.FeedRow> Feeds,
    List<StatusSnapshot.ChannelRow> Channels,
    Dictionary<OutboxState, int> Backlog,
    DateTime? OldestPending,
    List<StatusSnapshot.PostRow> RecentPosts)
{
    /// <summary>Feeds shown on one page: failing ones first, so a large catalog still shows what needs attention.</summary>
    public const int MaxFeeds = 500;

    public sealed record FeedRow(long Id, string Url, string? Title, DateTime? LastSuccessAt, DateTime? LastCheckedAt, string? LastError, int ErrorCount, DateTime NextCheckAt, DateTime? DisabledAt, TimeSpan? Interval);

    public sealed record ChannelRow(long Id, string Platform, string ExternalId, string ThreadId, string? Title, string? PausedReason, List<SubscriptionRow> Subscriptions,
        MergeReport.Summary? Merges = null);

    public sealed record SubscriptionRow(string What, string? Filter, DeliveryMode Mode);

    public sealed record PostRow(DateTime SentAt, string Channel, string Title, string? Url, string Feed);

    public static async Task<StatusSnapshot> ReadAsync(DbFactory dbs, TimeProvider time, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var feedCount = await db.Feeds.CountAsync(ct);
        var failing = await db.Feeds.CountAsync(f => f.ErrorCount > 0 && f.DisabledAt == null, ct);
        var disabled = await db.Feeds.CountAsync(f => f.DisabledAt != null, ct);
        var feeds = await db.Feeds.AsNoTracking()
            .OrderByDescending(f => f.DisabledAt != null).ThenByDescending(f => f.ErrorCount).ThenBy(f => f.NextCheckAt).ThenBy(f => f.Id)
            .Take(MaxFeeds)
            .Select(f => new FeedRow(f.Id, f.Url, f.Title, f.LastSuccessAt, f.LastCheckedAt, f.LastError, f.ErrorCount, f.NextCheckAt, f.DisabledAt, f.Interval))
            .ToListAsync(ct);

        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Platform).ThenBy(c => c.ExternalId).ToListAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Select(s => new { s.ChannelId, s.Topic, s.Filter, s.Mode, FeedTitle = s.Feed!.Title, FeedUrl = s.Feed.Url })
            .ToListAsync(ct);
        var bySubscriber = subscriptions.ToLookup(s => s.ChannelId);
        var merges = await MergeReport.LastDayAsync(db, null, now, perChannel: 3, ct);
        var channelRows = channels.Select(c => new ChannelRow(c.Id, c.Platform, c.ExternalId, c.ThreadId, c.Title, c.PausedReason,
            bySubscriber[c.Id].Select(s => new SubscriptionRow(s.Topic is not null ? $"topic: {s.Topic}" : s.FeedTitle ?? s.FeedUrl ?? "?", s.Filter, s.Mode)).ToList(),
            merges.GetValueOrDefault(c.Id))).ToList();

        var backlog = await db.Outbox.GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var oldest = await db.Outbox.Where(o => o.State == OutboxState.Pending).OrderBy(o => o.CreatedAt).Select(o => (DateTime?)o.CreatedAt).FirstOrDefaultAsync(ct);
        var recent = await db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Sent && o.SentAt != null)
            .OrderByDescending(o => o.SentAt).Take(30)
            .Select(o => new PostRow(o.SentAt!.Value, o.Channel!.Platform + ":" + o.Channel.ExternalId, o.Article!.Title, o.Article.Url, o.Article.Feed!.Title ?? o.Article.Feed.Url))
            .ToListAsync(ct);

        return new StatusSnapshot(now, feedCount, failing, disabled, feeds, channelRows, backlog.ToDictionary(b => b.Key, b => b.Count), oldest, recent);
    }
}
