using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Feeds;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Routing;

/// <summary>Issue 16: distinct items of one feed are distinct posts, however alike their template makes them.</summary>
public sealed class SameFeedNeverMergesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Twenty_items_with_one_template_description_are_twenty_posts()
    {
        var template = "Read the latest updates from Metro Desk. Updated hourly with reports from our newsroom and readers across the region.";
        var items = Enumerable.Range(1, 20).Select(i => ($"t{i}", "metro", $"Courier story number {i} of the day", template));
        var states = await RouteOneFeedAsync(items);
        Assert.Equal(20, states.Count);
        Assert.All(states, s => Assert.Equal(OutboxState.Pending, s));
    }

    [Fact]
    public async Task A_burst_of_eight_with_a_common_headline_prefix_is_eight_posts()
    {
        var items = Enumerable.Range(1, 8).Select(i => ($"g{i}", "live", $"Burst headline G{i}", $"Burst headline G{i}: the same live coverage continues with more from the scene."));
        var states = await RouteOneFeedAsync(items);
        Assert.Equal(8, states.Count(s => s == OutboxState.Pending));
    }

    [Fact]
    public async Task Three_templated_items_of_one_feed_routed_one_refresh_at_a_time_are_three_posts()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await SubscribedAsync(dbs, "metro");
        foreach (var title in new[] { "Courier strike ends", "Courier routes redrawn", "Courier fleet renewed" })
        {
            await RouterTests.RouteAllAsync(dbs, feeds, [(title, "metro", title, $"Read the latest on {title} from Metro Desk. Updated hourly with reports from our newsroom.")]);
        }
        await using var check = dbs.Create();
        Assert.Equal(3, await check.Outbox.CountAsync(o => o.State == OutboxState.Pending));
    }

    [Theory]
    [InlineData("hnrss.xml", 12)]
    [InlineData("google-news.xml", 12)]
    [InlineData("reddit.atom", 10)]
    public async Task Every_item_of_a_templated_feed_fixture_is_its_own_post(string fixture, int expected)
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await SubscribedAsync(dbs, "fixture");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "templated", fixture));
        Assert.True(FeedParser.TryParse(bytes, null, new Uri("https://fixture.example/feed"), out var parsed, out string? error), error);
        await using (var db = dbs.Create())
        {
            var feed = await db.Feeds.SingleAsync(f => f.Id == feeds["fixture"]);
            var time = new FakeTimeProvider(Now);
            var added = await new ArticleStore(new ExtractiveArticleSummarizer(new SummariesOptions()), time).AddNewAsync(db, feed, parsed, summarize: true, default);
            await new Router(time).RouteAsync(db, feed, added, default);
            await db.SaveChangesAsync();
        }
        await using var check = dbs.Create();
        var states = await check.Outbox.Select(o => o.State).ToListAsync();
        Assert.Equal(expected, states.Count);
        Assert.All(states, s => Assert.Equal(OutboxState.Pending, s));
    }

    private static async Task<Dictionary<string, long>> SubscribedAsync(DbFactory dbs, string name)
    {
        var feeds = await RouterTests.FeedsAsync(dbs, name);
        await using var db = dbs.Create();
        db.Subscriptions.Add(new Subscription { Channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = Now.UtcDateTime }, FeedId = feeds[name], CreatedAt = Now.UtcDateTime });
        await db.SaveChangesAsync();
        return feeds;
    }

    private static async Task<List<OutboxState>> RouteOneFeedAsync(IEnumerable<(string, string, string, string)> items)
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var list = items.ToList();
        var feeds = await SubscribedAsync(dbs, list[0].Item2);
        await RouterTests.RouteAllAsync(dbs, feeds, list);
        await using var check = dbs.Create();
        return await check.Outbox.OrderBy(o => o.Id).Select(o => o.State).ToListAsync();
    }
}
