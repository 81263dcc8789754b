using System.Globalization;
using System.Net;

namespace NewsBot.Feeds.Fetching;

/// <summary>Reads the response headers that say when to come back, without trusting them to be well formed.</summary>
internal static class ServerHints
{
    // A hostile Retry-After of 10^15 seconds must not overflow TimeSpan; the scheduler caps far below this anyway.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static TimeSpan? MaxAge(HttpResponseMessage response)
    {
        var maxAge = response.Headers.CacheControl?.MaxAge;
        return maxAge is { } age && age >= TimeSpan.Zero ? Min(age, Longest) : null;
    }

    public static DateTimeOffset? Expires(HttpResponseMessage response)
        => ParseDate(Raw(response, "Expires"));

    /// <summary>Retry-After as a delay from now; only 429 and 503 give it meaning for a feed reader.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var raw = Raw(response, "Retry-After")?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.All(char.IsAsciiDigit))
        {
            return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < Longest.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : Longest;
        }

        return ParseDate(raw) is { } date ? Min(Max(date - now, TimeSpan.Zero), Longest) : null;
    }

    /// <summary>The header exactly as sent (validators are echoed back verbatim), from the response or its content.</summary>
    public static string? Raw(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static DateTimeOffset? ParseDate(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        raw = raw.Trim();
        if (DateTimeOffset.TryParseExact(raw, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date)
            || DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date))
        {
            return date;
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
