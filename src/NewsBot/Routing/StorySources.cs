using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>The other feeds that carried the story of an outbox row: what a post lists as "also in".</summary>
public static class StorySources
{
    /// <summary>The names a post lists, and the merged rows they come from (marked shown once the post shows them).</summary>
    public sealed record Listed(IReadOnlyList<string> Names, IReadOnlyList<long> RowIds);

    public static async Task<Listed> OfAsync(NewsBotDb db, long carrierId, long? ownFeedId, CancellationToken ct)
    {
        var rows = await db.Outbox
            .Where(o => o.MergedIntoId == carrierId)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Article!.Feed!.Title, o.Article.Feed.Url, o.Article.FeedId })
            .ToListAsync(ct);
        var names = rows.Where(r => r.FeedId != ownFeedId)
            .Select(r => SourceName(r.Title, r.Url))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new Listed(names, rows.Select(r => r.Id).ToList());
    }

    public static async Task<IReadOnlyList<string>> AlsoInAsync(NewsBotDb db, OutboxEntry entry, CancellationToken ct) =>
        (await OfAsync(db, entry.Id, entry.Article?.FeedId, ct)).Names;

    public static string SourceName(string? title, string url) =>
        !string.IsNullOrWhiteSpace(title) ? title : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url;
}
