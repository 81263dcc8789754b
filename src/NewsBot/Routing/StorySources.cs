using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>The other feeds that carried the story of an outbox row: what a post lists as "also in".</summary>
public static class StorySources
{
    public static async Task<IReadOnlyList<string>> AlsoInAsync(NewsBotDb db, OutboxEntry entry, CancellationToken ct)
    {
        var rows = await db.Outbox
            .Where(o => o.MergedIntoId == entry.Id)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Article!.Feed!.Title, o.Article.Feed.Url, o.Article.FeedId })
            .ToListAsync(ct);
        var own = entry.Article?.FeedId;
        return rows.Where(r => r.FeedId != own)
            .Select(r => SourceName(r.Title, r.Url))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public static string SourceName(string? title, string url) =>
        !string.IsNullOrWhiteSpace(title) ? title : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url;
}
