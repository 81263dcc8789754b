using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// Why a channel got fewer posts than its feeds published: the articles merged into another feed's post of the same
/// story in the last day, each with the post it went into and whether its source is shown there.
/// </summary>
public static class MergeReport
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>One merged article: its feed, the post (title and feed) it joined, and why its source is not shown, if not.</summary>
    public sealed record Line(long ChannelId, string Title, string From, string Into, string IntoFeed, DateTime At, bool Shown, string? NotShownBecause);

    public sealed record Summary(int Count, IReadOnlyList<Line> Latest);

    /// <summary>Per channel: how many were merged in the last day and the latest <paramref name="perChannel"/> of them.</summary>
    public static async Task<Dictionary<long, Summary>> LastDayAsync(NewsBotDb db, IReadOnlyCollection<long>? channelIds, DateTime now, int perChannel, CancellationToken ct)
    {
        var since = now - Window;
        var merged = db.Outbox.Where(o => o.State == OutboxState.Merged && o.CreatedAt >= since && o.MergedIntoId != null);
        if (channelIds is not null)
        {
            merged = merged.Where(o => channelIds.Contains(o.ChannelId));
        }
        var counts = await merged.GroupBy(o => o.ChannelId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        if (counts.Count == 0)
        {
            return [];
        }
        var rows = await merged.OrderByDescending(o => o.Id).Take(Math.Max(1, perChannel) * 50)
            .Select(o => new
            {
                o.ChannelId,
                o.Article!.Title,
                FromTitle = o.Article.Feed!.Title,
                FromUrl = o.Article.Feed.Url,
                Into = o.MergedInto!.Article!.Title,
                IntoTitle = o.MergedInto.Article.Feed!.Title,
                IntoUrl = o.MergedInto.Article.Feed.Url,
                o.CreatedAt,
                o.SentAt,
                o.LastError,
            })
            .ToListAsync(ct);
        var lines = rows.Select(r => new Line(r.ChannelId, r.Title, StorySources.SourceName(r.FromTitle, r.FromUrl), r.Into,
                StorySources.SourceName(r.IntoTitle, r.IntoUrl), r.CreatedAt, r.SentAt is not null && r.LastError is null,
                r.LastError?.StartsWith(Delivery.MergedSourceEdits.NotAdded, StringComparison.Ordinal) == true ? r.LastError[Delivery.MergedSourceEdits.NotAdded.Length..] : null))
            .ToLookup(l => l.ChannelId);
        return counts.ToDictionary(c => c.Key, c => new Summary(c.Count, lines[c.Key].Take(perChannel).ToList()));
    }
}
