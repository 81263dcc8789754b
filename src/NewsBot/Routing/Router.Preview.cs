using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

public sealed partial class Router
{
    /// <summary>The post a previewed item would join instead of being posted: its outbox row, title and feed.</summary>
    public sealed record WouldMerge(long IntoRowId, string IntoTitle, string IntoFeed);

    /// <summary>
    /// What routing would decide for <paramref name="items"/> in one channel now, read only: for each item the story the
    /// channel already got (or is about to get) from another feed, or null when it would be a post of its own. The same
    /// rules as <see cref="RouteAsync"/>: this feed's template stripped, its own stories never candidates.
    /// </summary>
    public static async Task<IReadOnlyList<WouldMerge?>> WouldMergeAsync(NewsBotDb db, long channelId, long? feedId, IReadOnlyList<(string Title, string? Text)> items,
        DateTime now, CancellationToken ct)
    {
        var boilerplate = await BoilerplateOfAsync(db, feedId ?? 0, items.Select(i => ((string?)i.Title, i.Text)), ct);
        var recent = await RecentStoriesAsync(db, [channelId], now, ct);
        var stories = recent.GetValueOrDefault(channelId) ?? [];
        var keys = new StoredStoryKeys();
        var versions = new Dictionary<long, long>();
        var answers = new List<WouldMerge?>(items.Count);
        foreach (var (title, text) in items)
        {
            var key = KeyOf(new Article { DedupeKey = "", Title = title, Text = text }, boilerplate);
            var same = await SameStoryAsync(db, keys, feedId ?? -1, stories, key, versions, ct);
            if (same is null)
            {
                answers.Add(null);
                continue;
            }
            var into = await db.Outbox.AsNoTracking().Where(o => o.Id == same.Id)
                .Select(o => new { o.Article!.Title, FeedTitle = o.Article.Feed!.Title, o.Article.Feed.Url })
                .SingleAsync(ct);
            answers.Add(new WouldMerge(same.Id, into.Title, StorySources.SourceName(into.FeedTitle, into.Url)));
            // A later item of this preview is a story of this feed too: never merged into a sibling, as in routing.
            same.Feeds.Add(feedId ?? -1);
        }
        return answers;
    }
}
