using System.Globalization;
using System.Text;

namespace NewsBot.Feeds.Scheduling;

/// <summary>
/// The polling hints a feed document carries (RSS ttl, skipHours, skipDays). A 304 has no body, so the hints of the
/// last full document are kept on the feed row in a short text form and keep applying until the next one.
/// </summary>
public sealed record ScheduleHints(TimeSpan? TimeToLive, IReadOnlyList<int> SkipHours, IReadOnlyList<DayOfWeek> SkipDays)
{
    /// <summary>Longer than any well-formed value (ttl, 24 hours, 7 days), so a stored value is never cut.</summary>
    public const int MaxStoredLength = 120;

    /// <summary>The document's hints; null when it has none, so feeds without hints store nothing.</summary>
    public static ScheduleHints? From(ParsedFeed? feed)
    {
        if (feed is null || (feed.TimeToLive is null && feed.SkipHours.Count == 0 && feed.SkipDays.Count == 0))
        {
            return null;
        }

        return new ScheduleHints(feed.TimeToLive, feed.SkipHours, feed.SkipDays);
    }

    /// <summary>"ttl=60;hours=0,1;days=0,6" (minutes, UTC hours, days with Sunday = 0), out-of-range and repeated values dropped.</summary>
    public string ToStorage()
    {
        var text = new StringBuilder();
        if (TimeToLive is { } ttl)
        {
            text.Append(CultureInfo.InvariantCulture, $"ttl={(long)Math.Min(ttl.TotalMinutes, int.MaxValue)}");
        }
        Append(text, "hours", SkipHours.Where(h => h is >= 0 and <= 23).Distinct().Order());
        Append(text, "days", SkipDays.Where(Enum.IsDefined).Distinct().Order().Select(d => (int)d));
        return text.ToString();
    }

    /// <summary>Reads <see cref="ToStorage"/>'s form; anything it does not recognise is ignored rather than failing a poll.</summary>
    public static ScheduleHints? FromStorage(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        TimeSpan? ttl = null;
        List<int> hours = [];
        List<DayOfWeek> days = [];
        foreach (var part in stored.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var values = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "ttl" when int.TryParse(values, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0:
                    ttl = TimeSpan.FromMinutes(minutes);
                    break;
                case "hours":
                    hours.AddRange(Numbers(values).Where(h => h is >= 0 and <= 23));
                    break;
                case "days":
                    days.AddRange(Numbers(values).Where(d => d is >= 0 and <= 6).Select(d => (DayOfWeek)d));
                    break;
                default:
                    break;
            }
        }

        return ttl is null && hours.Count == 0 && days.Count == 0 ? null : new ScheduleHints(ttl, hours, days);
    }

    private static void Append(StringBuilder text, string name, IEnumerable<int> values)
    {
        var list = string.Join(',', values);
        if (list.Length == 0)
        {
            return;
        }
        if (text.Length > 0)
        {
            text.Append(';');
        }
        text.Append(name).Append('=').Append(list);
    }

    private static IEnumerable<int> Numbers(string list)
    {
        foreach (var value in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                yield return n;
            }
        }
    }
}
