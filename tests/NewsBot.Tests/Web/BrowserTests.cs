using Microsoft.Playwright;
using NewsBot.Tests.Support;
using Xunit.Abstractions;

namespace NewsBot.Tests.Web;

/// <summary>The status page in a real headless Chromium with JavaScript off: it must read fully without script.</summary>
public sealed class BrowserTests(ITestOutputHelper output)
{

    [SkippableFact]
    public async Task The_status_page_renders_without_javascript_in_headless_chromium()
    {
        HeadlessChromium.SkipIfMissing();
        await using var storage = await PostgresOrSqlite.CreateAsync("Sqlite");
        var (app, url) = await StatusHost.StartAsync(storage);
        await using var _ = app;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var dialogs = 0;
        var page = await context.NewPageAsync();
        page.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        var response = await page.GotoAsync(url + "/status");
        Assert.Equal(200, response!.Status);

        Assert.Equal("NewsBot status", await page.TitleAsync());
        Assert.Equal(2, await page.Locator("tr.feed").CountAsync());
        Assert.Equal(2, await page.Locator("tr.channel").CountAsync());
        Assert.Equal(1, await page.Locator("tr.post").CountAsync());
        Assert.Equal("1", (await page.Locator("#pending").InnerTextAsync()).Trim());
        // The hostile title is shown as text, not run or parsed as markup.
        Assert.Contains(StatusHost.HostileTitle, await page.Locator("tr.feed").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script, img").CountAsync());
        Assert.Equal(0, dialogs);

        var shot = Path.Combine(AppContext.BaseDirectory, "status-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot should hold a rendered page");
        output.WriteLine($"screenshot: {shot}");
        await app.StopAsync();
    }
}
