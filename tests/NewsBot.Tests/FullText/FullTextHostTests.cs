using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsBot.Commands;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.FullText;
using NewsBot.Feeds.Parsing;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Tests.Summaries;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.FullText;

/// <summary>Teaser feeds through the real host: the page's text is summarized, and a page that fails costs nothing but the page.</summary>
public sealed class FullTextHostTests
{
    private static readonly EvaluationArticle Airliner = EvaluationArticle.LoadAll().Single(a => a.Name == "zh-03");

    [Fact]
    public async Task A_teaser_is_summarized_from_its_page_fetched_once_for_twenty_channels()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        using var db = new TempDatabase();
        site.AddItem("old", "An older headline", "Already there when the channels subscribed.");
        var output = new SyncStringWriter();
        var app = TestHost.Build(TestHost.Settings(db), output);
        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        var subscriptions = app.Services.GetRequiredService<SubscriptionService>();
        for (var i = 1; i <= 20; i++)
        {
            var result = await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Console, $"room{i}"), site.FeedUrl), default);
            Assert.True(result.Ok, result.Message);
        }
        await app.StartAsync();

        var paragraphs = Airliner.Text.Split('\n');
        var page = NewsPages.Render(Airliner.Title, paragraphs, "zh", new Uri(site.PageUrl("c919")), layout: 2, targetBytes: 120_000);
        var bytes = NewsPages.Encode(page.Html);
        site.ServeHtml("c919", bytes, "text/html");
        var teaser = NewsPages.Teaser(paragraphs);
        site.AddItem("c919", Airliner.Title, teaser);

        var extracted = ArticleExtractor.Extract(FeedEncoding.DecodeHtml(bytes, "text/html"), new Uri(site.PageUrl("c919")));
        var expected = new ExtractiveSummarizer().Summarize(Airliner.Title, extracted.Text, new SummariesOptions().MaxChars);
        Assert.NotEqual(new ExtractiveSummarizer().Summarize(Airliner.Title, teaser, new SummariesOptions().MaxChars), expected);
        Assert.True(await Eventually.TrueAsync(() => output.Count(Airliner.Title) >= 20, TimeSpan.FromSeconds(30)), output.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.StopAsync();
        Article article;
        await using (var read = app.Services.GetRequiredService<DbFactory>().Create())
        {
            article = await read.Articles.SingleAsync(a => a.Title == Airliner.Title);
        }
        await app.DisposeAsync();

        Assert.Equal(20, output.Count(Airliner.Title));
        Assert.Equal(20, output.Count(expected));
        Assert.Equal(1, site.Hits("c919"));
        Assert.Equal(site.PageUrl("c919"), article.PageUrl);
        Assert.Null(article.PageNote);
        Assert.Equal(extracted.Text, article.PageText);
        Assert.Equal(page.ImageUrl, article.ImageUrl);
        Assert.StartsWith(teaser.TrimEnd('…', ' '), article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_that_fail_leave_each_post_to_the_feed_text_once_with_the_reason_logged()
    {
        // The site lives on 127.0.0.2, the one address the guard is told to admit; 127.0.0.1 stays forbidden, as any
        // loopback address is for a bot without Feeds:AllowPrivateAddresses.
        var siteAddress = IPAddress.Parse("127.0.0.2");
        await using var site = await ArticleSiteServer.StartAsync(siteAddress);
        await using var inside = await ArticleSiteServer.StartAsync(IPAddress.Loopback);
        inside.ServeHtml("secret", Encoding.UTF8.GetBytes("<html><body><article><p>Internal admin page.</p></article></body></html>"));
        using var db = new TempDatabase();
        site.AddItem("old", "An older headline", "Already there when the channel subscribed.");
        var logs = new CapturedLogs();
        var settings = TestHost.Settings(db,
            ("Feeds:AllowPrivateAddresses", "false"),
            ("Feeds:FullTextTimeout", "00:00:03"),
            ("Logging:LogLevel:NewsBot.Polling.FullTextFetch", "Information"));
        var output = new SyncStringWriter();
        var app = TestHost.Build(settings, output, services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddHttpClient("feeds").ConfigurePrimaryHttpMessageHandler(sp =>
                FeedHttpHandler.Create(sp.GetRequiredService<FeedsOptions>(), a => a.Equals(siteAddress) ? null : AddressPolicy.Classify(a)));
        });
        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        var subscribed = await app.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(ChannelRef.DefaultConsole, site.FeedUrl, FullText: FullTextMode.Always), default);
        Assert.True(subscribed.Ok, subscribed.Message);
        await app.StartAsync();

        site.ServeStatus("gone", 404);
        site.ServeHang("slow");
        site.ServeHuge("huge", 20L * 1024 * 1024);
        site.ServeRedirect("inside", inside.PageUrl("secret"));
        site.ServeHtml("pdf", Encoding.ASCII.GetBytes("%PDF-1.7 not a page"), "application/pdf");
        string[] slugs = ["gone", "slow", "huge", "inside", "pdf"];
        foreach (var slug in slugs)
        {
            site.AddItem(slug, $"Headline of the {slug} story", $"Teaser of the {slug} story, which is all this feed carries about it.");
        }

        Assert.True(await Eventually.TrueAsync(() => slugs.All(s => output.Count($"Headline of the {s} story") >= 1), TimeSpan.FromSeconds(40)), output.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        await app.StopAsync();
        await app.DisposeAsync();

        foreach (var slug in slugs)
        {
            Assert.Equal(1, output.Count($"Headline of the {slug} story"));
            Assert.Equal(1, output.Count($"Teaser of the {slug} story, which is all this feed carries about it."));
        }
        Assert.Equal(0, inside.Hits("secret"));
        var lines = logs.Lines.Where(l => l.Contains("FullTextFetch", StringComparison.Ordinal)).ToList();
        string Reason(string slug) => lines.Single(l => l.Contains($"/pages/{slug} ", StringComparison.Ordinal));
        Assert.Contains("HTTP 404", Reason("gone"), StringComparison.Ordinal);
        Assert.True(Reason("slow").Contains("timed out", StringComparison.Ordinal), Reason("slow"));
        Assert.Contains("Feeds:FullTextMaxBytes", Reason("huge"), StringComparison.Ordinal);
        Assert.Contains("loopback address", Reason("inside"), StringComparison.Ordinal);
        Assert.Contains("not an HTML page (application/pdf)", Reason("pdf"), StringComparison.Ordinal);
    }
}
