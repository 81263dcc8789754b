using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Commands;

public sealed record EditResult(bool Ok, string Message);

/// <summary>Changes the web panel makes to existing subscriptions, under the same rules as the commands.</summary>
public sealed partial class SubscriptionService
{
    /// <summary>The one-line reason an interval cannot be used, or null when it is fine (or absent).</summary>
    public string? IntervalProblem(TimeSpan? interval)
    {
        if (interval is { } wanted && wanted < feeds.MinInterval)
        {
            return $"the interval must be at least {feeds.MinInterval} (Feeds:MinInterval)";
        }
        if (interval is { } asked && _quotas.MinInterval is { } floor && asked < floor)
        {
            return $"the interval must be at least {floor} (Quotas:MinInterval)";
        }
        return null;
    }

    /// <summary>Sets a subscription's filter and, for a feed, asks for an interval (several channels share a feed: the most eager one sets the pace).</summary>
    public async Task<EditResult> EditAsync(long channelId, long subscriptionId, string? filter, TimeSpan? interval, CancellationToken ct)
    {
        if (FilterProblem(filter) is { } filterError)
        {
            return new EditResult(false, filterError);
        }
        if (IntervalProblem(interval) is { } intervalError)
        {
            return new EditResult(false, intervalError);
        }
        await using var db = dbs.Create();
        var subscription = await db.Subscriptions.Include(s => s.Feed).SingleOrDefaultAsync(s => s.Id == subscriptionId && s.ChannelId == channelId, ct);
        if (subscription is null)
        {
            return new EditResult(false, "no such subscription in this channel");
        }
        subscription.Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        if (interval is { } wanted && subscription.Feed is { } feed && (feed.Interval is null || wanted < feed.Interval))
        {
            feed.Interval = wanted;
            var due = time.GetUtcNow().UtcDateTime + wanted;
            if (feed.NextCheckAt > due)
            {
                feed.NextCheckAt = due;
            }
        }
        await db.SaveChangesAsync(ct);
        return new EditResult(true, "saved");
    }

    /// <summary>Removes several subscriptions of one channel; feeds nobody follows any more stop being polled.</summary>
    public async Task<int> RemoveManyAsync(long channelId, IReadOnlyCollection<long> subscriptionIds, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var doomed = await db.Subscriptions.Where(s => s.ChannelId == channelId && subscriptionIds.Contains(s.Id)).ToListAsync(ct);
        db.Subscriptions.RemoveRange(doomed);
        await db.SaveChangesAsync(ct);
        foreach (var feedId in doomed.Where(s => s.FeedId is not null).Select(s => s.FeedId!.Value).Distinct())
        {
            await RemoveOrphanFeedAsync(db, feedId, ct);
        }
        return doomed.Count;
    }

    /// <summary>
    /// Pauses or resumes subscriptions of one channel, leaving the rest of it posting; returns how many changed. What
    /// arrives while a subscription is paused is not kept for later: resuming starts from the next new article.
    /// </summary>
    public async Task<int> SetPausedAsync(long channelId, IReadOnlyCollection<long> subscriptionIds, bool paused, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var chosen = db.Subscriptions.Where(s => s.ChannelId == channelId && subscriptionIds.Contains(s.Id));
        if (!paused)
        {
            return await chosen.Where(s => s.PausedAt != null).ExecuteUpdateAsync(u => u.SetProperty(s => s.PausedAt, (DateTime?)null), ct);
        }
        var now = time.GetUtcNow().UtcDateTime;
        return await chosen.Where(s => s.PausedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.PausedAt, now), ct);
    }

    /// <summary>
    /// Moves subscriptions to another channel: a feed or topic the target already follows is dropped from the source
    /// rather than doubled; the target's quota and digest mode apply.
    /// </summary>
    public async Task<EditResult> MoveAsync(long fromChannelId, long toChannelId, IReadOnlyCollection<long> subscriptionIds, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var target = await db.Channels.SingleOrDefaultAsync(c => c.Id == toChannelId, ct);
        if (target is null || toChannelId == fromChannelId)
        {
            return new EditResult(false, "choose another channel to move to");
        }
        var moving = await db.Subscriptions.Where(s => s.ChannelId == fromChannelId && subscriptionIds.Contains(s.Id)).ToListAsync(ct);
        var there = await db.Subscriptions.Where(s => s.ChannelId == toChannelId).ToListAsync(ct);
        var feedsThere = there.Count(s => s.FeedId is not null);
        var mode = await HasDigestAsync(db, target, ct) ? DeliveryMode.Digest : DeliveryMode.Immediate;
        var moved = 0;
        foreach (var s in moving)
        {
            var duplicate = there.Any(t => (s.FeedId is not null && t.FeedId == s.FeedId) || (s.Topic is not null && t.FeedId is null && Routing.TextFold.Fold(t.Topic) == Routing.TextFold.Fold(s.Topic)));
            if (duplicate)
            {
                db.Subscriptions.Remove(s);
                continue;
            }
            if (s.FeedId is not null && _quotas.FeedsPerChannel > 0 && feedsThere >= _quotas.FeedsPerChannel)
            {
                await db.SaveChangesAsync(ct);
                return new EditResult(false, $"moved {moved}; the target already follows {feedsThere} feeds, the most allowed (Quotas:FeedsPerChannel)");
            }
            feedsThere += s.FeedId is null ? 0 : 1;
            s.ChannelId = toChannelId;
            s.Mode = mode;
            moved++;
        }
        await db.SaveChangesAsync(ct);
        return new EditResult(true, $"moved {moved}");
    }
}
