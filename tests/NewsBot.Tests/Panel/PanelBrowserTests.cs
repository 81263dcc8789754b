using Microsoft.Playwright;
using NewsBot.Tests.Support;
using NewsBot.Tests.Telegram;
using Xunit.Abstractions;

namespace NewsBot.Tests.Panel;

/// <summary>
/// The panel in headless Chromium with JavaScript off: sign in with a signed Telegram login, add a feed, set its
/// filter, see only the matching article posted through the fake Telegram, import OPML, read the delivery log.
/// </summary>
public sealed class PanelBrowserTests(ITestOutputHelper output)
{
    private const long Ann = 501;
    private const long Chat = -100111;

    [SkippableFact]
    public async Task A_chat_admin_adds_a_feed_filters_it_imports_opml_and_reads_the_delivery_log()
    {
        HeadlessChromium.SkipIfMissing();
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        var (_, channelId) = await h.AdminChannelAsync(Chat, Ann, "Space desk");
        h.Feeds.AddItem("moon", "old", "Already there before subscribing", "old text");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        // A phone-sized window: the pages must work there, and without script.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 420, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(TelegramLoginLink.Url(url, TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow, FakeTelegramServer.Token)));
        Assert.Equal(url + "/", page.Url);
        Assert.Equal(1, await page.Locator("tr.channel").CountAsync());
        await page.ClickAsync($"a[href='/channels/{channelId}']");

        var feedUrl = h.Feeds.UrlOf("moon");
        await page.FillAsync("#add input[name=url]", feedUrl);
        await page.ClickAsync("#add button");
        Assert.Contains("Subscribed to Feed moon", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);

        var row = page.Locator("tr.subscription", new PageLocatorOptions { HasText = feedUrl });
        await row.Locator("input[name=filter]").FillAsync("moon -rumour");
        await row.Locator("button[form^=edit-]").ClickAsync();
        Assert.Equal("saved", (await page.Locator("#message").InnerTextAsync()).Trim());
        Assert.Equal("moon -rumour", await page.Locator("tr.subscription", new PageLocatorOptions { HasText = feedUrl }).Locator("input[name=filter]").InputValueAsync());

        // A bad filter is refused with the commands' own message and changes nothing.
        row = page.Locator("tr.subscription", new PageLocatorOptions { HasText = feedUrl });
        await row.Locator("input[name=filter]").FillAsync("/(unclosed/");
        await row.Locator("button[form^=edit-]").ClickAsync();
        Assert.StartsWith("bad filter", (await page.Locator("#message").InnerTextAsync()).Trim(), StringComparison.Ordinal);

        // The channel's posts in a template of its own, set in the display form (no script: a plain form post).
        await page.FillAsync("#display-defaults textarea[name=format]", "🚀 {title}\n{summary:80}");
        await page.SelectOptionAsync("#display-defaults select[name=silent]", "on");
        await page.ClickAsync("#display-defaults button");
        Assert.Contains("Display settings saved for this channel", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);

        h.Feeds.AddItem("moon", "n1", "Lander reaches the moon", "A lander touched down on the moon today.");
        h.Feeds.AddItem("moon", "n2", "Election results are in", "Nothing about space here.");
        h.Feeds.AddItem("moon", "n3", "A moon rumour spreads", "Unconfirmed.");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(Chat).Any(m => m.Text?.Contains("Lander reaches the moon", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(45)), "the matching article was not posted");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var lander = h.Fake.SentTo(Chat).Single(m => m.Text?.Contains("Lander reaches the moon", StringComparison.Ordinal) == true);
        Assert.StartsWith("🚀 Lander reaches the moon\n", TelegramDeliveryTests.Visible(lander), StringComparison.Ordinal);
        Assert.True((bool)lander.Body["disable_notification"]!);
        Assert.DoesNotContain(h.Fake.SentTo(Chat), m => m.Text?.Contains("Election results", StringComparison.Ordinal) == true || m.Text?.Contains("rumour", StringComparison.Ordinal) == true);

        var opml = Path.Combine(Path.GetTempPath(), $"panel-{Guid.NewGuid():N}.opml");
        await File.WriteAllTextAsync(opml, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>mine</title></head><body>
            <outline type="rss" text="A" xmlUrl="{h.Feeds.UrlOf("a")}"/>
            <outline type="rss" text="B" xmlUrl="{h.Feeds.UrlOf("b")}"/>
            <outline type="rss" text="Bad" xmlUrl="file:///etc/passwd"/>
            </body></opml>
            """);
        try
        {
            await page.SetInputFilesAsync("#import input[type=file]", opml);
            await page.ClickAsync("#import button");
        }
        finally
        {
            File.Delete(opml);
        }
        var imported = await page.Locator("#message").InnerTextAsync();
        Assert.Contains("Imported 2 feeds", imported, StringComparison.Ordinal);
        Assert.Contains("Skipped", imported, StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("tr.subscription").CountAsync());

        await SaveScreenshotAsync(page, "panel-channel.png");

        await page.ClickAsync($"a[href='/channels/{channelId}/log']");
        var sent = page.Locator("tr.entry.sent", new PageLocatorOptions { HasText = "Lander reaches the moon" });
        Assert.Equal(1, await sent.CountAsync());
        Assert.Equal(0, await page.Locator("tr.entry", new PageLocatorOptions { HasText = "Election results" }).CountAsync());

        // Chinese on request, kept in a cookie.
        await page.ClickAsync("header button[name=culture]");
        Assert.Equal("投递记录", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("script").CountAsync());
        await h.StopHostAsync();
    }

    private async Task SaveScreenshotAsync(IPage page, string name)
    {
        var shot = Path.Combine(AppContext.BaseDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot should hold a rendered page");
        // README shows the page as the test run saw it: copied into docs/ when the test runs from a checkout.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")))
        {
            dir = dir.Parent;
        }
        if (dir is not null)
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "docs"));
            File.Copy(shot, Path.Combine(dir.FullName, "docs", name), overwrite: true);
        }
        output.WriteLine($"screenshot: {shot}");
    }
}
