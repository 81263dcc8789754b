using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.DiscordBot;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.Panel;

/// <summary>
/// Discord sign-in through the real host against a loopback OAuth provider (authorization code, state, PKCE S256), and
/// the servers it shows re-checked with the bot's own view of each guild, not taken from the sign-in's answer.
/// </summary>
public sealed class PanelDiscordSignInTests
{
    private const ulong OtherGuild = 700000000000000002;
    private const ulong ModRole = 720000000000000001;
    private const ulong OtherChannel = 710000000000000031;

    [Fact]
    public async Task A_manager_signs_in_with_pkce_and_sees_only_the_servers_the_bot_confirms()
    {
        await using var host = await DiscordBotHost.StartAsync();
        await using var oauth = await FakeDiscordOAuth.StartAsync();
        var alice = oauth.User.Id;
        // The bot's view: Alice holds a role with Manage Server in the first guild only.
        host.Discord.AddGuild(Guild, 400000000000000099, (Guild, 0), (ModRole, 32));
        host.Discord.AddMember(Guild, alice, ModRole);
        host.Discord.AddGuild(OtherGuild, 400000000000000099, (OtherGuild, 0));
        host.Discord.AddMember(OtherGuild, alice);
        // Her sign-in claims Manage Server in both (an old token, a changed role: the panel must not believe it).
        oauth.Guilds.Add((Guild, false, 32));
        oauth.Guilds.Add((OtherGuild, false, 32));

        var port = FreePort();
        var panel = $"http://127.0.0.1:{port}";
        var app = await host.BuildAsync(
            ("Web:Urls", panel),
            ("Web:Discord:ClientId", FakeDiscordOAuth.ClientId),
            ("Web:Discord:ClientSecret", FakeDiscordOAuth.ClientSecret),
            ("Web:Discord:AuthorizeUrl", oauth.BaseUrl + "/oauth2/authorize"),
            ("Web:Discord:TokenUrl", oauth.BaseUrl + "/api/oauth2/token"),
            ("Web:Discord:ApiBaseUrl", oauth.BaseUrl + "/api/v10"),
            ("Web:Discord:RedirectUrl", panel + "/auth/discord/callback"));
        long mine, theirs;
        await using (var db = app.Services.GetRequiredService<DbFactory>().Create())
        {
            var a = new ChatChannel { Platform = Platforms.Discord, ExternalId = Id(ChannelA), GuildId = Id(Guild), Title = "news", CreatedAt = DateTime.UtcNow };
            var b = new ChatChannel { Platform = Platforms.Discord, ExternalId = Id(OtherChannel), GuildId = Id(OtherGuild), Title = "elsewhere", CreatedAt = DateTime.UtcNow };
            db.Channels.AddRange(a, b);
            await db.SaveChangesAsync();
            (mine, theirs) = (a.Id, b.Id);
        }
        await app.StartAsync();

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var start = await browser.GetAsync($"{panel}/auth/discord?returnUrl=/channels/{mine}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(oauth.BaseUrl + "/oauth2/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", authorize.Query, StringComparison.Ordinal);
        Assert.Contains("scope=identify%20guilds", authorize.Query, StringComparison.Ordinal);

        var approved = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var callback = approved.Headers.Location!;
        Assert.StartsWith(panel + "/auth/discord/callback?code=", callback.AbsoluteUri, StringComparison.Ordinal);

        // A callback with another state (a forged or stale link) is refused and does not sign anyone in.
        var refused = await browser.GetAsync(new Uri(callback.AbsoluteUri.Replace("state=", "state=forged", StringComparison.Ordinal)));
        Assert.StartsWith("/signin?error=", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // The flow cookie went with the refused attempt: the real callback now needs a fresh start.
        start = await browser.GetAsync($"{panel}/auth/discord?returnUrl=/channels/{mine}");
        approved = await browser.GetAsync(start.Headers.Location!);
        var signedIn = await browser.GetAsync(approved.Headers.Location!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/channels/{mine}", signedIn.Headers.Location?.OriginalString);

        var home = await browser.GetStringAsync(panel + "/");
        Assert.Contains($"/channels/{mine}\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"/channels/{theirs}\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{panel}/channels/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{panel}/channels/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"{panel}/channels/{theirs}/log")).StatusCode);
        Assert.Empty(oauth.Refusals);

        // A code is good once: replaying the callback signs nobody in again.
        using var replayer = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var replay = await replayer.GetAsync(approved.Headers.Location!);
        Assert.StartsWith("/signin?error=", replay.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
