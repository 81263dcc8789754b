using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>A feed's schedule and error state: success resets it, failures back off, a long outage disables it.</summary>
public sealed class FeedHealth(FeedsOptions options, TimeProvider time)
{
    /// <summary>Consecutive failures after which subscribed channels hear about it, once.</summary>
    public const int NotifyAfterErrors = 5;

    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(3);

    public void RecordSuccess(Feed feed, FetchResult fetched, ParsedFeed? parsed)
    {
        var now = time.GetUtcNow().UtcDateTime;
        feed.LastSuccessAt = now;
        feed.ErrorCount = 0;
        feed.LastError = null;
        feed.FailingSince = null;
        feed.ErrorNotifiedAt = null;
        feed.NextCheckAt = now + Interval(feed);
    }

    public Task RecordFailureAsync(NewsBotDb db, Feed feed, string error, FetchResult fetched, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        feed.ErrorCount++;
        feed.LastError = error.Length > 500 ? error[..500] : error;
        feed.FailingSince ??= now;
        var backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, Interval(feed).Ticks * (1L << Math.Min(feed.ErrorCount, 10))));
        if (fetched.RetryAfter is { } retry && retry > backoff)
        {
            backoff = retry;
        }
        feed.NextCheckAt = now + backoff;
        if (now - feed.FailingSince >= DisableAfter)
        {
            feed.DisabledAt = now;
        }
        return Task.CompletedTask;
    }

    private TimeSpan Interval(Feed feed)
    {
        var interval = feed.Interval ?? options.DefaultInterval;
        return interval < options.MinInterval ? options.MinInterval : interval;
    }
}
