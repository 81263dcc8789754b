using Microsoft.EntityFrameworkCore;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.Scheduling;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// Records how a check went on the feed row: the next check from the server's hints (FeedSchedule), and on
/// failure the backoff, the stored error, one notice to the subscribed channels (a <see cref="Notice"/> row committed with
/// the feed's state, delivered by the delivery worker), and disabling after a long outage.
/// </summary>
public sealed class FeedCheckRecorder(FeedsOptions options, TimeProvider time, ILogger<FeedCheckRecorder> logger)
{
    /// <param name="newItems">The items this check stored as new.</param>
    public void RecordSuccess(Feed feed, FetchResult fetched, ParsedFeed? parsed, int newItems = 0)
    {
        var now = time.GetUtcNow();
        // A 304 is left out of the history, here as on the batched path (UnchangedFeeds), which then stays one narrow
        // UPDATE: the panel shows a run of them from last_checked_at instead.
        if (parsed is not null)
        {
            feed.RecentChecks = CheckHistory.Prepend(feed.RecentChecks, CheckHistory.Entry(now.UtcDateTime, fetched.HttpStatus ?? 200, newItems, null));
        }
        feed.LastSuccessAt = now.UtcDateTime;
        feed.ErrorCount = 0;
        feed.LastError = null;
        feed.FailingSince = null;
        feed.ErrorNotifiedAt = null;
        // A 304 has no document: the last one's hints still hold.
        var hints = parsed is null ? ScheduleHints.FromStorage(feed.ScheduleHints) : ScheduleHints.From(parsed);
        if (parsed is not null)
        {
            feed.ScheduleHints = hints?.ToStorage();
        }
        feed.NextCheckAt = NextAfterSuccess(now, feed.Interval, fetched, hints);
    }

    /// <summary>
    /// The next check of a feed that answered 304, as <see cref="RecordSuccess"/> would set it: the stored hints of the
    /// last full document and the server's caching headers on this answer. For the batched reschedule (UnchangedFeeds).
    /// </summary>
    public DateTime NextAfterNotModified(ClaimedFeed feed, FetchResult fetched) =>
        NextAfterSuccess(time.GetUtcNow(), feed.Interval, fetched, ScheduleHints.FromStorage(feed.ScheduleHints));

    private DateTime NextAfterSuccess(DateTimeOffset now, TimeSpan? interval, FetchResult fetched, ScheduleHints? hints) =>
        FeedSchedule.Next(now, interval, options, fetched, hints, 0, Random.Shared.NextDouble()).UtcDateTime;

    public async Task RecordFailureAsync(NewsBotDb db, Feed feed, string error, FetchResult fetched, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        feed.RecentChecks = CheckHistory.Prepend(feed.RecentChecks, CheckHistory.Entry(now.UtcDateTime, fetched.HttpStatus ?? 0, 0, error));
        feed.ErrorCount++;
        feed.LastError = error.Length > 500 ? error[..500] : error;
        feed.FailingSince ??= now.UtcDateTime;
        var failed = fetched.Status == FetchStatus.Failed ? fetched : new FetchResult { Status = FetchStatus.Failed, FinalUrl = fetched.FinalUrl, RetryAfter = fetched.RetryAfter, Error = error };
        feed.NextCheckAt = FeedSchedule.Next(now, feed.Interval, options, failed, null, feed.ErrorCount, Random.Shared.NextDouble()).UtcDateTime;

        // 410 Gone is the server saying the feed will not come back: stop at once instead of backing off for days.
        var action = fetched.HttpStatus == 410 ? FeedHealthAction.Disable : FeedHealth.Evaluate(feed.ErrorCount, feed.FailingSince, now, options);
        if (action == FeedHealthAction.None
            || (action == FeedHealthAction.NotifyChannels && feed.ErrorNotifiedAt is not null)
            || (action == FeedHealthAction.Disable && feed.DisabledAt is not null))
        {
            return;
        }
        if (action == FeedHealthAction.Disable)
        {
            feed.DisabledAt = now.UtcDateTime;
        }
        feed.ErrorNotifiedAt = now.UtcDateTime;
        var name = feed.Title ?? feed.Url;
        var disabled = action == FeedHealthAction.Disable;
        var notice = disabled
            ? $"⛔ {name} is no longer checked ({feed.LastError}). Subscribe again to re-enable it once it works."
            : $"⚠️ {name} has failed {feed.ErrorCount} times in a row: {feed.LastError}. NewsBot keeps retrying with growing pauses.";
        var kind = disabled ? NoticeKind.FeedDisabled : NoticeKind.FeedFailing;
        var channels = await db.Subscriptions.Where(s => s.FeedId == feed.Id && s.Channel!.PausedAt == null)
            .Select(s => s.ChannelId).Distinct().ToListAsync(ct);
        // One event, one key: this failure streak of this feed, or its disabling.
        var key = $"feed:{feed.Id}:{kind}:{feed.FailingSince:yyyyMMddHHmmss}";
        foreach (var channel in channels)
        {
            db.Notices.Add(Notice.For(channel, kind, key, notice, now.UtcDateTime));
        }
        logger.LogInformation("{Url}: {Kind} notice for {Count} channel(s)", feed.Url, kind, channels.Count);
    }
}
