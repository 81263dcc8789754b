using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Routing;

public sealed class RouterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static readonly (string Key, string Feed, string Title, string Text)[] Incoming =
    [
        ("fed", "wire", "Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday, citing slower price growth."),
        ("baku", "wire", "UN climate talks open in Baku as nations seek finance deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit."),
        ("match", "sport", "Climate protesters disrupt football match", "Activists ran onto the pitch during the climate week protests in London."),
        ("zh-climate", "zh", "联合国气候大会在巴库开幕", "第29届联合国气候变化大会周一开幕，各国代表讨论气候融资问题。"),
        ("zh-ai", "zh", "中国发布新一代ＡＩ芯片", "国产人工智能芯片性能提升，业内人士称将加速大模型训练。"),
        ("zh-sport", "catalog", "中国女排晋级世锦赛四强", "中国队以3比1战胜巴西队，将在半决赛中迎战意大利队。"),
        ("catalog-ai", "catalog", "Chipmakers rally on AI demand", "Shares of chip designers rose after strong AI server orders."),
    ];

    public static TheoryData<string, string?, string?, string[]> Subscriptions => new()
    {
        // (feed subscribed to or null for a topic, filter, topic) → the articles the channel gets
        { "wire", null, null, ["fed", "baku"] },
        { "wire", "climate", null, ["baku"] },
        { "wire", "-climate", null, ["fed"] },
        { "zh", "气候 OR 芯片", null, ["zh-climate", "zh-ai"] },
        { "zh", "ai", null, ["zh-ai"] },
        { "sport", "\"climate week\" -football", null, [] },
        // Topics draw from every feed, subscribed or catalog-only.
        { "", null, "climate OR 气候", ["baku", "match", "zh-climate"] },
        { "", null, "ai", ["zh-ai", "catalog-ai"] },
        { "", null, "中国 -排", ["zh-ai"] },
        { "", "-football", "climate", ["baku"] },
        { "", null, "/女排|volleyball/", ["zh-sport"] },
    };

    [Theory]
    [MemberData(nameof(Subscriptions))]
    public async Task A_channel_gets_the_articles_its_feed_filter_or_topic_matches(string feed, string? filter, string? topic, string[] expected)
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await FeedsAsync(dbs, "wire", "sport", "zh", "catalog");
        await using (var db = dbs.Create())
        {
            var channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = Now.UtcDateTime };
            db.Subscriptions.Add(new Subscription
            {
                Channel = channel,
                FeedId = feed.Length == 0 ? null : feeds[feed],
                Topic = topic,
                Filter = filter,
                CreatedAt = Now.UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        await RouteAllAsync(dbs, feeds, Incoming);

        await using var check = dbs.Create();
        var got = await check.Outbox.Select(o => o.Article!.DedupeKey).ToListAsync();
        Assert.Equal(expected.Order(), got.Order());
        var topicRows = await check.Outbox.Where(o => o.Topic != null).CountAsync();
        Assert.Equal(feed.Length == 0 ? expected.Length : 0, topicRows);
    }

    [Fact]
    public async Task The_same_story_from_three_feeds_reaches_a_channel_once_listing_the_other_sources()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await FeedsAsync(dbs, "Reuters", "AP", "BBC");
        await using (var db = dbs.Create())
        {
            var channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = Now.UtcDateTime };
            var other = new ChatChannel { Platform = Platforms.Console, ExternalId = "other", CreatedAt = Now.UtcDateTime };
            foreach (var id in feeds.Values)
            {
                db.Subscriptions.Add(new Subscription { Channel = channel, FeedId = id, CreatedAt = Now.UtcDateTime });
            }
            db.Subscriptions.Add(new Subscription { Channel = other, FeedId = feeds["BBC"], CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        await RouteAllAsync(dbs, feeds,
        [
            ("r1", "Reuters", "UN climate talks open in Baku as nations seek finance deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit, where negotiators aim to agree a new climate finance goal for developing nations."),
            ("a1", "AP", "UN climate talks open in Baku as nations seek finance deal - AP", "Delegates from nearly 200 countries gathered in Baku, Azerbaijan on Monday for the UN climate summit, where negotiators aim to agree a new climate finance goal for developing nations."),
            ("b1", "BBC", "UN Climate Talks Open in Baku as Nations Seek Finance Deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit where negotiators aim to agree a new climate finance goal for developing nations"),
            ("b2", "BBC", "Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday, citing slower price growth and a cooling labour market."),
        ]);

        await using var check = dbs.Create();
        var main = await check.Outbox.Include(o => o.Article).ThenInclude(a => a!.Feed).Where(o => o.Channel!.ExternalId == "main").OrderBy(o => o.Id).ToListAsync();
        var pending = main.Where(o => o.State == OutboxState.Pending).ToList();
        Assert.Equal(["r1", "b2"], pending.Select(o => o.Article!.DedupeKey));
        var merged = main.Where(o => o.State == OutboxState.Merged).ToList();
        Assert.Equal(2, merged.Count);
        Assert.All(merged, m => Assert.Equal(pending[0].Id, m.MergedIntoId));
        Assert.Equal(["AP", "BBC"], await StorySources.AlsoInAsync(check, pending[0], default));
        Assert.Empty(await StorySources.AlsoInAsync(check, pending[1], default));

        // Another channel following only one of the feeds is not affected by the first channel's merge.
        var elsewhere = await check.Outbox.Where(o => o.Channel!.ExternalId == "other").Select(o => o.State).ToListAsync();
        Assert.Equal([OutboxState.Pending, OutboxState.Pending], elsewhere);
    }

    [Fact]
    public async Task A_story_already_sent_is_not_sent_again_from_another_feed_the_next_day()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await FeedsAsync(dbs, "Reuters", "AP");
        await using (var db = dbs.Create())
        {
            var channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = Now.UtcDateTime };
            db.Subscriptions.AddRange(feeds.Values.Select(id => new Subscription { Channel = channel, FeedId = id, CreatedAt = Now.UtcDateTime }));
            await db.SaveChangesAsync();
        }
        var time = new FakeTimeProvider(Now);
        await RouteAllAsync(dbs, feeds, [("r1", "Reuters", "UN climate talks open in Baku as nations seek finance deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit.")], time);
        await using (var db = dbs.Create())
        {
            await db.Outbox.ExecuteUpdateAsync(u => u.SetProperty(o => o.State, OutboxState.Sent));
        }
        time.Advance(TimeSpan.FromHours(20));
        await RouteAllAsync(dbs, feeds, [("a1", "AP", "UN climate talks open in Baku as nations seek finance deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit.")], time);
        time.Advance(Router.MergeWindow + TimeSpan.FromMinutes(1));
        await RouteAllAsync(dbs, feeds, [("a2", "AP", "UN climate talks open in Baku as nations seek finance deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit.")], time);

        await using var check = dbs.Create();
        var states = await check.Outbox.OrderBy(o => o.Id).Select(o => new { o.Article!.DedupeKey, o.State }).ToListAsync();
        Assert.Equal(OutboxState.Merged, states.Single(s => s.DedupeKey == "a1").State);
        Assert.Equal(OutboxState.Pending, states.Single(s => s.DedupeKey == "a2").State); // two days after its last sighting it is news again
    }

    [Fact]
    public async Task Over_the_hourly_quota_posts_wait_for_the_next_digest_instead_of_being_dropped()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var feeds = await FeedsAsync(dbs, "wire");
        await using (var db = dbs.Create())
        {
            db.Subscriptions.Add(new Subscription { Channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", CreatedAt = Now.UtcDateTime }, FeedId = feeds["wire"], CreatedAt = Now.UtcDateTime });
            await db.SaveChangesAsync();
        }
        var quotas = new QuotasOptions { MessagesPerChannelPerHour = 2 };
        var items = Incoming.Select(i => (i.Key, "wire", i.Title, i.Text)).ToArray();
        await RouteAllAsync(dbs, feeds, items, new FakeTimeProvider(Now), quotas);

        await using var check = dbs.Create();
        var states = await check.Outbox.OrderBy(o => o.Id).Select(o => o.State).ToListAsync();
        Assert.Equal(Incoming.Length, states.Count);
        Assert.Equal(2, states.Count(s => s == OutboxState.Pending));
        Assert.Equal(Incoming.Length - 2, states.Count(s => s == OutboxState.Digest));
    }

    internal static async Task<Dictionary<string, long>> FeedsAsync(DbFactory dbs, params string[] names)
    {
        await using var db = dbs.Create();
        var feeds = names.ToDictionary(n => n, n => new Feed { Url = $"https://{n.ToLowerInvariant()}.example/feed.xml", Title = n, CreatedAt = Now.UtcDateTime, PrimedAt = Now.UtcDateTime, IsCatalog = n == "catalog" });
        db.Feeds.AddRange(feeds.Values);
        await db.SaveChangesAsync();
        return feeds.ToDictionary(f => f.Key, f => f.Value.Id);
    }

    /// <summary>Each feed's new articles are routed and saved the way one refresh does it.</summary>
    internal static async Task RouteAllAsync(DbFactory dbs, Dictionary<string, long> feeds, IEnumerable<(string Key, string Feed, string Title, string Text)> items, TimeProvider? time = null, QuotasOptions? quotas = null)
    {
        var router = new Router(time ?? new FakeTimeProvider(Now), quotas);
        foreach (var group in items.GroupBy(i => i.Feed))
        {
            await using var db = dbs.Create();
            var feed = await db.Feeds.SingleAsync(f => f.Id == feeds[group.Key]);
            var now = (time ?? new FakeTimeProvider(Now)).GetUtcNow().UtcDateTime;
            var articles = group.Select(i => new Article { Feed = feed, DedupeKey = i.Key, Title = i.Title, Text = i.Text, Summary = i.Text, Url = $"https://{group.Key}.example/{i.Key}", PublishedAt = now, FirstSeenAt = now }).ToList();
            db.Articles.AddRange(articles);
            await router.RouteAsync(db, feed, articles, default);
            await db.SaveChangesAsync();
        }
    }
}
