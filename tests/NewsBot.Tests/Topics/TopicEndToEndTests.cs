using System.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsBot.Commands;
using NewsBot.ConsoleChannel;
using NewsBot.Delivery;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Topics;

/// <summary>
/// Topics through a live refresh on the real host: a catalog feed nobody subscribed to, two subscribed feeds, a
/// channel following a zh+en topic, posts to the console channel, and a restart.
/// </summary>
public sealed class TopicEndToEndTests
{
    private const string Topic = "\"central bank\" OR 央行";

    private const string ZhMatch = "央行宣布下调存款准备金率0.5个百分点";
    private const string EnMiss = "Local club wins regional football cup after extra time";
    private const string WireA = "Central bank cuts interest rates for first time in four years";
    private const string WireB = "Central bank cuts interest rates for first time in four years - Wire B";
    private const string WireCatalog = "Central Bank Cuts Interest Rates For First Time In Four Years";
    private const string WireLead = "The central bank lowered its benchmark interest rate by a quarter point to 4.75% on Thursday, its first cut in four years, citing cooling inflation and a weaker labour market.";

    [Fact]
    public async Task A_topic_brings_matching_catalog_stories_once_merges_one_story_from_three_feeds_and_a_restart_repeats_nothing()
    {
        await using var server = await LoopbackFeedServer.StartAsync();
        using var temp = new TempDatabase();
        foreach (var feed in new[] { "wire-a", "wire-b", "catalog" })
        {
            server.AddItem(feed, $"{feed}-old", $"Old item of {feed}", "<p>Already in the feed before the bot saw it; never posted.</p>", DateTimeOffset.UtcNow.AddHours(-3));
        }
        var catalogPath = Path.Combine(temp.Folder, "catalog.opml");
        await File.WriteAllTextAsync(catalogPath,
            $"""<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><head><title>Catalog</title></head><body><outline text="Catalog feed" xmlUrl="{SecurityElement.Escape(server.UrlOf("catalog"))}"/></body></opml>""");
        var settings = TestHost.Settings(temp, ("Catalog:Path", catalogPath));

        var firstOut = new SyncStringWriter();
        var held = new HeldSwitch();
        var first = TestHost.Build(settings, firstOut, services =>
        {
            services.RemoveAll<IChannelSender>();
            services.AddSingleton<IChannelSender>(sp => new HeldConsoleSender(new ConsoleSender(sp.GetRequiredService<ConsoleOutput>()), held));
        });
        var dbs = first.Services.GetRequiredService<DbFactory>();
        await dbs.MigrateAsync(default);
        var subscriptions = first.Services.GetRequiredService<SubscriptionService>();
        foreach (var feed in new[] { "wire-a", "wire-b" })
        {
            var subscribed = await subscriptions.SubscribeAsync(new SubscribeRequest(ChannelRef.DefaultConsole, server.UrlOf(feed)), default);
            Assert.True(subscribed.Ok, subscribed.Message);
        }
        var topic = await subscriptions.AddTopicAsync(ChannelRef.DefaultConsole, Topic, default);
        Assert.True(topic.Ok, topic.Message);

        await first.StartAsync();
        // The catalog feed's first fetch is silent like any feed's; only items after it count as new.
        Assert.True(await Eventually.TrueAsync(() => IsPrimed(dbs, server.UrlOf("catalog")), TimeSpan.FromSeconds(30)), "the catalog feed was never fetched");

        // A catalog-only feed: the zh article matching the topic is posted once, the football one never.
        server.AddItem("catalog", "zh-1", ZhMatch, "<p>中国人民银行周五宣布，下调金融机构存款准备金率0.5个百分点，释放长期资金约1万亿元。央行表示，此举旨在保持流动性合理充裕。</p>");
        server.AddItem("catalog", "en-miss", EnMiss, "<p>The home side scored twice in extra time to lift the regional cup in front of a record crowd on Saturday.</p>");
        Assert.True(await Eventually.TrueAsync(() => firstOut.Count("━━━ " + ZhMatch) >= 1, TimeSpan.FromSeconds(30)), firstOut.ToString());
        Assert.True(await Eventually.TrueAsync(() => IsStored(dbs, EnMiss), TimeSpan.FromSeconds(10)), "the football item was never stored");

        // The same wire story on both subscribed feeds and the catalog feed. The platform holds posts until all three
        // copies are routed: an immediate post lists the sources known when it goes out, and this makes that moment fixed.
        held.Hold = true;
        server.AddItem("wire-a", "w-a", WireA, $"<p>{WireLead} Markets rallied after the announcement.</p>");
        server.AddItem("wire-b", "w-b", WireB, $"<p>{WireLead.Replace("on Thursday", "on Thursday morning", StringComparison.Ordinal)}</p>");
        server.AddItem("catalog", "w-c", WireCatalog, $"<p>{WireLead}</p>");
        Assert.True(await Eventually.TrueAsync(() => WireRows(dbs) == 3, TimeSpan.FromSeconds(30)), $"wire copies routed: {WireRows(dbs)}");
        held.Hold = false;
        Assert.True(await Eventually.TrueAsync(() => WirePosts(firstOut) >= 1, TimeSpan.FromSeconds(30)), firstOut.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3)); // more ticks and delivery rounds: nothing may come twice
        await first.StopAsync();
        await first.DisposeAsync();

        var posts = firstOut.ToString();
        Assert.Equal(1, firstOut.Count("━━━ " + ZhMatch));
        Assert.Equal(0, firstOut.Count(EnMiss));
        Assert.True(1 == WirePosts(firstOut), Diagnose(dbs));
        var sourceLine = posts.Split('\n').Single(l => l.StartsWith("📰 ", StringComparison.Ordinal) && l.Contains("also in", StringComparison.Ordinal));
        Assert.All(new[] { "Feed wire-a", "Feed wire-b", "Feed catalog" }, name => Assert.Contains(name, sourceLine, StringComparison.Ordinal));
        Assert.DoesNotContain("Old item of", posts, StringComparison.Ordinal);

        // A restart: nothing already posted comes again; something new still does.
        var secondOut = new SyncStringWriter();
        var second = TestHost.Build(settings, secondOut);
        await second.StartAsync();
        server.AddItem("catalog", "zh-2", "央行开展5000亿元中期借贷便利操作", "<p>央行周一开展5000亿元中期借贷便利操作，中标利率持平于2.0%。</p>");
        Assert.True(await Eventually.TrueAsync(() => secondOut.Count("央行开展5000亿元中期借贷便利操作") >= 1, TimeSpan.FromSeconds(30)), secondOut.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await second.StopAsync();
        await second.DisposeAsync();

        Assert.Equal(1, secondOut.Count("央行开展5000亿元中期借贷便利操作"));
        Assert.Equal(0, secondOut.Count(ZhMatch));
        Assert.Equal(0, WirePosts(secondOut));
        Assert.Equal(0, secondOut.Count("Old item of"));
    }

    private static int WirePosts(SyncStringWriter output) =>
        output.Count("━━━ " + WireA + "\n") + output.Count("━━━ " + WireB + "\n") + output.Count("━━━ " + WireCatalog + "\n");

    private static string Diagnose(DbFactory dbs)
    {
        using var db = dbs.Create();
        return string.Join("\n", db.Outbox.Select(o => new { o.Id, o.State, o.MergedIntoId, o.CreatedAt, o.Article!.Title, o.Article.Summary, o.Article.StoryHash }).ToList());
    }

    private static bool IsPrimed(DbFactory dbs, string url)
    {
        using var db = dbs.Create();
        return db.Feeds.Any(f => f.Url == url && f.PrimedAt != null);
    }

    private static bool IsStored(DbFactory dbs, string title)
    {
        using var db = dbs.Create();
        return db.Articles.Any(a => a.Title == title);
    }

    private static int WireRows(DbFactory dbs)
    {
        using var db = dbs.Create();
        return db.Outbox.AsNoTracking().Count(o => o.Article!.Title == WireA || o.Article.Title == WireB || o.Article.Title == WireCatalog);
    }

    private sealed class HeldSwitch
    {
        private volatile bool _hold;

        public bool Hold
        {
            get => _hold;
            set => _hold = value;
        }
    }

    /// <summary>The console channel, except that while held it answers like a rate-limited platform: try again shortly.</summary>
    private sealed class HeldConsoleSender(ConsoleSender inner, HeldSwitch held) : IChannelSender
    {
        public string Platform => inner.Platform;

        public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct) =>
            held.Hold
                ? Task.FromResult(new SendOutcome(SendStatus.Retry, Error: "held by the test", RetryAfter: TimeSpan.FromMilliseconds(300)))
                : inner.SendAsync(channel, post, nonce, ct);

        public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct) => inner.SendDigestAsync(channel, page, nonce, ct);

        public bool FitsOneMessage(DigestPage page) => inner.FitsOneMessage(page);

        public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct) => inner.NotifyAsync(channel, text, ct);
    }
}
