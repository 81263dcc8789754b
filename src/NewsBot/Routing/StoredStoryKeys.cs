using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// The story keys of articles already routed, kept between refreshes. Confirming a candidate merge needs the stored
/// article's key, and that key depends on its feed's template, learned from the feed's latest items: loading the item
/// and relearning the template for every candidate of every routed article was most of routing's cost (in the load
/// benchmark ~30 candidates per article, each two queries and a template learned inside the write transaction). A key
/// is reused while its feed's newest stored item is the one it was computed with, so the answer is the one a fresh
/// computation would give; a feed that gains an item gets its template relearned once, not once per candidate.
/// </summary>
internal sealed class StoredStoryKeys
{
    /// <summary>Entries kept before the cache starts over: routing's window is two days of a busy catalog.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<long, (long Version, StoryKey Key)> _keys = new();
    private readonly ConcurrentDictionary<long, (long Version, FeedBoilerplate Template)> _templates = new();

    /// <param name="versions">Each feed's newest item id, read once per routing pass.</param>
    public async Task<StoryKey> KeyOfAsync(NewsBotDb db, long articleId, long feedId, Dictionary<long, long> versions, CancellationToken ct)
    {
        if (!versions.TryGetValue(feedId, out var version))
        {
            await ReadVersionsAsync(db, [feedId], versions, ct);
            version = versions[feedId];
        }
        if (_keys.TryGetValue(articleId, out var known) && known.Version == version)
        {
            return known.Key;
        }
        var row = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Title, a.Summary, Text = a.Text == null ? null : a.Text.Substring(0, Router.LeadSourceChars) })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return StoryKey.Of(null, null);
        }
        if (!_templates.TryGetValue(feedId, out var template) || template.Version != version)
        {
            template = (version, await Router.BoilerplateOfAsync(db, feedId, [], ct));
            Remember(_templates, feedId, template);
        }
        var key = Router.KeyOf(new Article { DedupeKey = "", Title = row.Title, Text = row.Text, Summary = row.Summary }, template.Template);
        Remember(_keys, articleId, (version, key));
        return key;
    }

    /// <summary>The newest item of each of <paramref name="feedIds"/>, in one query.</summary>
    public static async Task ReadVersionsAsync(NewsBotDb db, List<long> feedIds, Dictionary<long, long> versions, CancellationToken ct)
    {
        if (feedIds.Count == 0)
        {
            return;
        }
        var newest = await db.Articles.Where(a => feedIds.Contains(a.FeedId) && !a.IsTombstone)
            .GroupBy(a => a.FeedId)
            .Select(g => new { FeedId = g.Key, Newest = g.Max(a => a.Id) })
            .ToListAsync(ct);
        foreach (var feedId in feedIds)
        {
            versions[feedId] = 0;
        }
        foreach (var row in newest)
        {
            versions[row.FeedId] = row.Newest;
        }
    }

    private static void Remember<T>(ConcurrentDictionary<long, T> cache, long id, T value)
    {
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }
        cache[id] = value;
    }
}
