using Microsoft.Playwright;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Panel;

/// <summary>
/// Discord sign-in in headless Chromium with JavaScript off, through the loopback OAuth provider: the sign-in page's
/// link, Discord's approval, the callback, and the server the bot confirms, with its next-post and why pages.
/// </summary>
public sealed class PanelDiscordBrowserTests
{

    [SkippableFact]
    public async Task A_server_manager_signs_in_with_discord_and_sees_only_the_confirmed_server()
    {
        HeadlessChromium.SkipIfMissing();
        await using var panel = await DiscordPanel.StartAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 420, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();

        // A page that needs a session sends the browser to sign in, and back there afterwards.
        await page.GotoAsync($"{panel.Url}/channels/{panel.Mine}/why");
        Assert.StartsWith(panel.Url + "/signin", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("a#discord");
        Assert.Equal($"{panel.Url}/channels/{panel.Mine}/why", page.Url);
        Assert.Empty(panel.OAuth.Refusals);

        await page.GotoAsync(panel.Url + "/");
        Assert.Equal(1, await page.Locator("tr.channel").CountAsync());
        Assert.Equal(1, await page.Locator($"a[href='/channels/{panel.Mine}']").CountAsync());
        var refused = await page.GotoAsync($"{panel.Url}/channels/{panel.Theirs}");
        Assert.Equal(403, refused!.Status);

        await page.GotoAsync($"{panel.Url}/channels/{panel.Mine}/preview");
        Assert.Equal(1, await page.Locator("#preview-none").CountAsync());
        await page.GotoAsync($"{panel.Url}/channels/{panel.Mine}/why");
        await page.FillAsync("#why-form input[name=url]", "https://elsewhere.example/story");
        await page.ClickAsync("#why-form button");
        Assert.Equal(1, await page.Locator("#why-none").CountAsync());
    }
}
