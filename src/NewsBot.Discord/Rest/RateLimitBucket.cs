using System.Globalization;
using System.Net.Http.Headers;

namespace NewsBot.Discord.Rest;

/// <summary>
/// The state of one bucket for one top-level resource, as the last response's X-RateLimit-* headers told it.
/// </summary>
internal sealed class RateLimitBucket
{
    private readonly Lock _lock = new();
    private int? _remaining;
    private long _resetAt;

    /// <summary>
    /// Takes the next request's place in the bucket: zero when it may go now (and one fewer remains),
    /// otherwise how long to wait before asking again.
    /// </summary>
    /// <remarks>
    /// Callers ask again after waiting instead of trusting the wait: timers count in coarse
    /// milliseconds and may fire a fraction of one early, which would land the request in Discord's
    /// old window. Taking the place here also keeps two routes that share a bucket from both spending
    /// its last request.
    /// </remarks>
    public TimeSpan Reserve(TimeProvider time)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (now >= _resetAt)
            {
                return TimeSpan.Zero;
            }
            if (_remaining is 0)
            {
                return time.GetElapsedTime(now, _resetAt);
            }
            if (_remaining is { } remaining)
            {
                _remaining = remaining - 1;
            }
            return TimeSpan.Zero;
        }
    }

    /// <summary>Takes remaining and reset-after from a response; absent headers leave the bucket unlimited.</summary>
    public void Update(HttpResponseHeaders headers, TimeProvider time)
    {
        var remaining = Header(headers, "X-RateLimit-Remaining");
        var resetAfter = Header(headers, "X-RateLimit-Reset-After");
        if (remaining is null || resetAfter is null)
        {
            return;
        }
        lock (_lock)
        {
            _remaining = (int)Math.Max(0, Math.Min(remaining.Value, int.MaxValue));
            _resetAt = time.GetTimestamp() + ToTicks(resetAfter.Value, time);
        }
    }

    /// <summary>Blocks the bucket for a 429's retry_after.</summary>
    public void Block(TimeSpan retryAfter, TimeProvider time)
    {
        lock (_lock)
        {
            _remaining = 0;
            _resetAt = Math.Max(_resetAt, time.GetTimestamp() + ToTicks(retryAfter.TotalSeconds, time));
        }
    }

    /// <summary>Copies the state into a bucket discovered later under its real name.</summary>
    public void CopyTo(RateLimitBucket other)
    {
        int? remaining;
        long resetAt;
        lock (_lock)
        {
            remaining = _remaining;
            resetAt = _resetAt;
        }
        lock (other._lock)
        {
            if (resetAt > other._resetAt)
            {
                other._remaining = remaining;
                other._resetAt = resetAt;
            }
        }
    }

    internal static double? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
        && double.IsFinite(v) && v >= 0
            ? v
            : null;

    private static long ToTicks(double seconds, TimeProvider time) =>
        (long)(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds) * time.TimestampFrequency);
}
