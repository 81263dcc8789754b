using System.Net;

namespace NewsBot.Tests.Panel;

/// <summary>
/// Discord sign-in through the real host against a loopback OAuth provider (authorization code, state, PKCE S256), and
/// the servers it shows re-checked with the bot's own view of each guild, not taken from the sign-in's answer.
/// </summary>
public sealed class PanelDiscordSignInTests
{
    [Fact]
    public async Task A_manager_signs_in_with_pkce_and_sees_only_the_servers_the_bot_confirms()
    {
        await using var panel = await DiscordPanel.StartAsync();
        var (oauth, url, mine, theirs) = (panel.OAuth, panel.Url, panel.Mine, panel.Theirs);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var start = await browser.GetAsync($"{url}/auth/discord?returnUrl=/channels/{mine}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(oauth.BaseUrl + "/oauth2/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        Assert.Contains("scope=identify%20guilds", authorize.Query, StringComparison.Ordinal);

        var approved = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var callback = approved.Headers.Location!;
        Assert.StartsWith(url + "/auth/discord/callback?code=", callback.AbsoluteUri, StringComparison.Ordinal);

        // A callback with another state (a forged or stale link) is refused and does not sign anyone in.
        var refused = await browser.GetAsync(new Uri(callback.AbsoluteUri.Replace("state=", "state=forged", StringComparison.Ordinal)));
        Assert.StartsWith("/signin?error=", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // The flow cookie went with the refused attempt: the real callback now needs a fresh start.
        start = await browser.GetAsync($"{url}/auth/discord?returnUrl=/channels/{mine}");
        approved = await browser.GetAsync(start.Headers.Location!);
        var signedIn = await browser.GetAsync(approved.Headers.Location!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/channels/{mine}", signedIn.Headers.Location?.OriginalString);

        var home = await browser.GetStringAsync(url + "/");
        Assert.Contains($"/channels/{mine}\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"/channels/{theirs}\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{url}/channels/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{url}/channels/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{url}/channels/{theirs}/log")).StatusCode);
        Assert.Empty(oauth.Refusals);

        // A code is good once: replaying the callback signs nobody in again.
        using var replayer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var replay = await replayer.GetAsync(approved.Headers.Location!);
        Assert.StartsWith("/signin?error=", replay.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
