using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.Scheduling;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// Records how a check went on the feed row: the next check from the server's hints (FeedSchedule), and on
/// failure the backoff, the stored error, one notice to the subscribed channels, and disabling after a long outage.
/// </summary>
public sealed class FeedStatus(FeedsOptions options, IEnumerable<IChannelSender> senders, TimeProvider time, ILogger<FeedStatus> logger)
{
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Platform);

    public void RecordSuccess(Feed feed, FetchResult fetched, ParsedFeed? parsed)
    {
        var now = time.GetUtcNow();
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
        feed.NextCheckAt = FeedSchedule.Next(now, feed.Interval, options, fetched, hints, 0, Random.Shared.NextDouble()).UtcDateTime;
    }

    public async Task RecordFailureAsync(NewsBotDb db, Feed feed, string error, FetchResult fetched, CancellationToken ct)
    {
        var now = time.GetUtcNow();
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
        var notice = action == FeedHealthAction.Disable
            ? $"⛔ {name} is no longer checked ({feed.LastError}). Subscribe again to re-enable it once it works."
            : $"⚠️ {name} has failed {feed.ErrorCount} times in a row: {feed.LastError}. NewsBot keeps retrying with growing pauses.";
        await NotifySubscribersAsync(db, feed.Id, notice, ct);
    }

    private async Task NotifySubscribersAsync(NewsBotDb db, long feedId, string text, CancellationToken ct)
    {
        var channels = await db.Subscriptions.Where(s => s.FeedId == feedId && s.Channel!.PausedAt == null)
            .Select(s => s.Channel!).Distinct().ToListAsync(ct);
        foreach (var channel in channels)
        {
            if (!_senders.TryGetValue(channel.Platform, out var sender))
            {
                continue;
            }
            try
            {
                await sender.NotifyAsync(channel, text, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A notice is best effort: the status page and /status show the same error.
                logger.LogWarning(e, "Could not tell {Platform}:{Channel} about a failing feed", channel.Platform, channel.ExternalId);
            }
        }
    }
}
