using NewsBot.Feeds.Fetching;

namespace NewsBot.Feeds.Scheduling;

/// <summary>
/// When to check a feed next, from data alone: the feed's interval, the server's hints and its error streak.
/// Pure so that the rules can be read and tested as a table.
/// </summary>
public static class FeedSchedule
{
    /// <summary>Failure delays are stretched by up to this fraction, so feeds that failed together do not retry together.</summary>
    public const double JitterFraction = 0.25;

    /// <param name="now">When the fetch finished.</param>
    /// <param name="feedInterval">The feed's configured interval; null means Feeds:DefaultInterval.</param>
    /// <param name="result">The fetch just made; null when there was none (e.g. a new feed).</param>
    /// <param name="hints">The feed's ttl/skipHours/skipDays: from this document, or kept from the last one on a 304.</param>
    /// <param name="consecutiveErrors">Failures in a row, counting this fetch; 0 when it succeeded.</param>
    /// <param name="jitter">A number in [0, 1] (e.g. Random.NextDouble()), chosen by the caller so tests are deterministic.</param>
    public static DateTimeOffset Next(
        DateTimeOffset now,
        TimeSpan? feedInterval,
        FeedsOptions options,
        FetchResult? result,
        ScheduleHints? hints,
        int consecutiveErrors,
        double jitter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var floor = options.MinInterval > TimeSpan.Zero ? options.MinInterval : TimeSpan.Zero;
        var cap = Max(options.MaxInterval, floor);
        var interval = Max(feedInterval ?? options.DefaultInterval, floor);

        if (result?.Status == FetchStatus.Failed)
        {
            consecutiveErrors = Math.Max(consecutiveErrors, 1);
        }

        TimeSpan delay;
        if (consecutiveErrors > 0)
        {
            // The first failure keeps the usual pace (one blip is common); each further one doubles the wait.
            jitter = double.IsNaN(jitter) ? 0 : Math.Clamp(jitter, 0, 1);
            var ticks = interval.Ticks * Math.Pow(2, Math.Min(consecutiveErrors - 1, 62)) * (1 + (JitterFraction * jitter));
            delay = ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
            if (result?.RetryAfter is { } retryAfter)
            {
                delay = Max(delay, Min(retryAfter, cap));
            }

            delay = Max(delay, floor);
        }
        else
        {
            // A server saying "nothing new before T" lengthens the wait, never shortens it below the feed's own interval.
            var hint = Longest(result?.MaxAge, result?.Expires - now, hints?.TimeToLive, result?.RetryAfter);
            delay = hint is { } h ? Max(interval, Min(h, cap)) : interval;
        }

        var next = now + delay;
        if (hints is not null)
        {
            next = Min(SkipForbidden(next, hints.SkipHours, hints.SkipDays), now + Max(delay, cap));
        }

        return next;
    }

    /// <summary>Moves a time out of the hours (UTC) and days the feed asked not to be polled in.</summary>
    private static DateTimeOffset SkipForbidden(DateTimeOffset at, IReadOnlyList<int> skipHours, IReadOnlyList<DayOfWeek> skipDays)
    {
        var hours = skipHours.Where(h => h is >= 0 and <= 23).ToHashSet();
        var days = skipDays.ToHashSet();

        // A feed that forbids every hour or every day gets polled anyway rather than never.
        if (hours.Count == 24)
        {
            hours.Clear();
        }

        if (days.Count == 7)
        {
            days.Clear();
        }

        var t = at.ToUniversalTime();
        for (var guard = 0; guard < 8 * 24; guard++)
        {
            if (days.Contains(t.DayOfWeek))
            {
                t = new DateTimeOffset(t.Date.AddDays(1), TimeSpan.Zero);
            }
            else if (hours.Contains(t.Hour))
            {
                t = new DateTimeOffset(t.Date.AddHours(t.Hour + 1), TimeSpan.Zero);
            }
            else
            {
                return t;
            }
        }

        return at;
    }

    private static TimeSpan? Longest(params ReadOnlySpan<TimeSpan?> spans)
    {
        TimeSpan? longest = null;
        foreach (var span in spans)
        {
            if (span is { } s && s > TimeSpan.Zero && (longest is null || s > longest))
            {
                longest = s;
            }
        }

        return longest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
