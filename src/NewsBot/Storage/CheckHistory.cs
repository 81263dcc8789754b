using System.Globalization;
using System.Text;
using NewsBot.Display;

namespace NewsBot.Storage;

/// <summary>One check of a feed: when, what the server answered (0: no answer), how many new items, and the error if any.</summary>
public sealed record CheckEntry(DateTime At, int Status, int NewItems, string? Error);

/// <summary>
/// A feed's last checks that fetched a document or failed, kept on the feed row (feeds.recent_checks) newest first: such
/// a check already updates that row, so the history costs no extra write, row or index, and needs no pruning. Answers
/// of 304 are not entries (most checks are 304s, written in one batched statement per many feeds); the run of them
/// since the newest entry shows in last_checked_at. Entries are separated by U+001E; past <see cref="MaxChars"/> the
/// oldest whole entries go, so a long error costs older entries rather than widening every row.
/// </summary>
public static class CheckHistory
{
    public const int MaxEntries = 10;
    public const int MaxChars = 600;
    private const int ErrorChars = 80;
    public const char Separator = '\u001e';

    public static string Entry(DateTime at, int status, int newItems, string? error)
    {
        var sb = new StringBuilder(32);
        sb.Append(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(status.ToString(CultureInfo.InvariantCulture))
            .Append('|').Append(newItems.ToString(CultureInfo.InvariantCulture)).Append('|');
        if (error is not null)
        {
            var line = error.ReplaceLineEndings(" ").Replace(Separator, ' ');
            sb.Append(TextClip.Shorten(line, ErrorChars));
        }
        return sb.ToString();
    }

    /// <summary>The history with <paramref name="entry"/> first, the oldest beyond <see cref="MaxEntries"/> dropped.</summary>
    public static string Prepend(string? history, string entry)
    {
        if (string.IsNullOrEmpty(history))
        {
            return entry;
        }
        var kept = history.Split(Separator, MaxEntries, StringSplitOptions.None);
        var count = Math.Min(kept.Length, MaxEntries - 1);
        var joined = entry + Separator + string.Join(Separator, kept, 0, count);
        return joined.Length <= MaxChars ? joined : joined[..joined.LastIndexOf(Separator, MaxChars)];
    }

    public static IReadOnlyList<CheckEntry> Read(string? history)
    {
        if (string.IsNullOrEmpty(history))
        {
            return [];
        }
        var entries = new List<CheckEntry>();
        foreach (var raw in history.Split(Separator).Take(MaxEntries))
        {
            var parts = raw.Split('|', 4);
            if (parts.Length < 4
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var items))
            {
                continue;
            }
            entries.Add(new CheckEntry(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime, status, items, parts[3].Length == 0 ? null : parts[3]));
        }
        return entries;
    }
}
