using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Routing;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Topics;

/// <summary>
/// False and true merges over <see cref="StoryCorpus"/>, judged the way routing and digests judge them. Measured on
/// this corpus: before the story keys (SimHash of raw title + summary, 10 bits) 0 of 12 re-runs merged and 2 of 691
/// distinct pairs did (3 with the raw lead); after, 12 of 12 and 0.
/// </summary>
public sealed class StoryMergeCorpusTests
{
    /// <summary>Share of same-story pairs that must be merged; the corpus has 12 such pairs.</summary>
    private const double MinTrueMergeRate = 0.9;

    private static StoryKey KeyOf(CorpusArticle a) =>
        Router.KeyOf(new Article { DedupeKey = a.Title, Title = a.Title, Text = a.Text });

    private static IEnumerable<(CorpusArticle A, CorpusArticle B, bool Merged)> Pairs()
    {
        var keyed = StoryCorpus.Articles.Select(a => (Article: a, Key: KeyOf(a))).ToList();
        for (var i = 0; i < keyed.Count; i++)
        {
            for (var j = i + 1; j < keyed.Count; j++)
            {
                yield return (keyed[i].Article, keyed[j].Article, keyed[i].Key.SameStory(keyed[j].Key));
            }
        }
    }

    [Fact]
    public void No_two_distinct_stories_are_merged_though_they_share_footers_disclaimers_or_templates()
    {
        var distinct = Pairs().Where(p => p.A.Story != p.B.Story).ToList();
        Assert.True(distinct.Count > 600, $"only {distinct.Count} distinct pairs");
        var falseMerges = distinct.Where(p => p.Merged).Select(p => $"{p.A.Title} ≈ {p.B.Title}").ToList();
        Assert.True(falseMerges.Count == 0, "merged although different stories:\n" + string.Join("\n", falseMerges));
    }

    [Fact]
    public void Re_runs_of_one_story_by_other_outlets_are_merged_despite_their_own_headlines()
    {
        var same = Pairs().Where(p => p.A.Story == p.B.Story).ToList();
        Assert.Equal(12, same.Count);
        var missed = same.Where(p => !p.Merged).Select(p => $"{p.A.Title} ≠ {p.B.Title}").ToList();
        var rate = 1 - ((double)missed.Count / same.Count);
        Assert.True(rate >= MinTrueMergeRate, $"true-merge rate {rate:P0}; missed:\n" + string.Join("\n", missed));
    }

    [Fact]
    public async Task Routed_from_one_feed_per_outlet_each_story_reaches_the_channel_once_and_merges_only_into_itself()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var outlets = StoryCorpus.Articles.Select(a => a.Outlet).Distinct().ToArray();
        var feeds = await RouterTests.FeedsAsync(dbs, outlets);
        await using (var db = dbs.Create())
        {
            var channel = new Channel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = DateTime.UtcNow };
            db.Subscriptions.AddRange(feeds.Values.Select(id => new Subscription { Channel = channel, FeedId = id, CreatedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        }
        var items = StoryCorpus.Articles.Select((a, i) => ($"{a.Story}#{i}", a.Outlet, a.Title, a.Text)).ToList();

        await RouterTests.RouteAllAsync(dbs, feeds, items);

        await using var check = dbs.Create();
        var rows = await check.Outbox.Include(o => o.Article).ToListAsync();
        Assert.Equal(StoryCorpus.Articles.Length, rows.Count);
        string StoryOf(OutboxEntry o) => o.Article!.DedupeKey.Split('#')[0];
        var carriers = rows.Where(r => r.State != OutboxState.Merged).ToList();
        Assert.Equal(StoryCorpus.Articles.Select(a => a.Story).Distinct().Order(), carriers.Select(StoryOf).Order());
        var byId = rows.ToDictionary(r => r.Id);
        Assert.All(rows.Where(r => r.State == OutboxState.Merged), m => Assert.Equal(StoryOf(m), StoryOf(byId[m.MergedIntoId!.Value])));
    }
}
