using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Tests.Telegram;
using NewsBot.Web.Pages;

namespace NewsBot.Tests.Panel;

/// <summary>Sign-in and authorization refusals, over plain HTTP against the real host and the fake Telegram.</summary>
public sealed partial class PanelSecurityTests
{
    private const long Ann = 501;
    private const long Bob = 502;

    [Fact]
    public async Task Forged_old_and_replayed_logins_and_open_redirects_are_refused()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;

        var forged = TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow, FakeTelegramServer.Token);
        forged["first_name"] = "Mallory";
        await AssertRefusedAsync(url, TelegramLoginLink.Url(url, forged), "not signed");

        var wrongBot = TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow, "999:another-bot");
        await AssertRefusedAsync(url, TelegramLoginLink.Url(url, wrongBot), "not signed");

        var old = TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-1), FakeTelegramServer.Token);
        await AssertRefusedAsync(url, TelegramLoginLink.Url(url, old), "too old");

        var good = TelegramLoginLink.Url(url, TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow, FakeTelegramServer.Token));
        var (first, _) = Client();
        Assert.Equal("/", (await first.GetAsync(good)).Headers.Location?.OriginalString);
        await AssertRefusedAsync(url, good, "already used");

        foreach (var evil in new[] { "//evil.example/x", "https://evil.example/", "/\\evil.example", "http:evil.example", "\t//evil.example" })
        {
            var (client, _) = Client();
            // A different name each time: an identical login in the same second would be a replay.
            var link = TelegramLoginLink.Url(url, TelegramLoginLink.Fields(Ann, "Ann " + evil.Length, DateTimeOffset.UtcNow, FakeTelegramServer.Token), evil);
            var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
        var (local, _) = Client();
        var kept = await local.GetAsync(TelegramLoginLink.Url(url, TelegramLoginLink.Fields(Ann, "Ann local", DateTimeOffset.UtcNow, FakeTelegramServer.Token), "/channels/1/log"));
        Assert.Equal("/channels/1/log", kept.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Every_channel_page_and_form_answers_403_for_a_chat_the_user_does_not_administer()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        h.Fake.AddChat(-100111, "supergroup", "Ann's group", (Ann, "administrator"));
        h.Fake.AddChat(-100222, "supergroup", "Bob's group", (Bob, "creator"), (Ann, "member"));
        var (_, mine) = await h.ChannelAsync(-100111);
        var (_, theirs) = await h.ChannelAsync(-100222);
        long theirSubscription;
        await using (var db = h.Dbs.Create())
        {
            theirSubscription = await db.Subscriptions.Where(s => s.ChannelId == theirs).Select(s => s.Id).SingleAsync();
        }

        var (client, _) = Client();
        Assert.Equal("/", (await client.GetAsync(TelegramLoginLink.Url(url, TelegramLoginLink.Fields(Ann, "Ann", DateTimeOffset.UtcNow, FakeTelegramServer.Token)))).Headers.Location?.OriginalString);
        var home = await client.GetStringAsync(url + "/");
        Assert.Contains($"/channels/{mine}\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"/channels/{theirs}\"", home, StringComparison.Ordinal);
        var own = await client.GetStringAsync(url + $"/channels/{mine}");
        var token = PanelForms.Token(own);
        Assert.NotEmpty(token);

        // Every page whose route names a channel, straight from the app's endpoint table, with every handler its model has.
        var pages = h.Host!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(p => p.Page is not null && p.Route.Contains("{id", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, p => p.Route == "channels/{id:long}" || p.Route == "/channels/{id:long}");
        Assert.Contains(pages, p => p.Route.EndsWith("/log", StringComparison.Ordinal));
        var checkedRequests = 0;
        foreach (var (route, page) in pages)
        {
            var path = "/" + route.TrimStart('/').Replace("{id:long}", theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var model = typeof(ChannelPageModel).Assembly.GetType("NewsBot.Web.Pages." + page!.ViewEnginePath.Trim('/') + "Model", throwOnError: true)!;
            Assert.True(model.IsSubclassOf(typeof(ChannelPageModel)), $"{route} names a channel but does not check who manages it");
            var handlers = model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => HandlerName().Match(m.Name)).Where(m => m.Success).ToList();
            foreach (var handler in handlers)
            {
                var verb = handler.Groups[1].Value;
                var name = handler.Groups[2].Value;
                var target = url + path + $"?sid={theirSubscription}" + (name.Length > 0 ? "&handler=" + name : "");
                HttpResponseMessage response;
                if (verb == "Get")
                {
                    response = await client.GetAsync(target);
                }
                else
                {
                    response = await client.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["ids"] = theirSubscription.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["action"] = "delete",
                        ["url"] = h.Feeds.UrlOf("x"),
                        ["filter"] = "hijacked",
                        ["spec"] = "off",
                        ["topic"] = "hijacked",
                    }));
                }
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{verb} {path} handler '{name}' answered {(int)response.StatusCode}");
                checkedRequests++;
            }
        }
        Assert.True(checkedRequests >= 10, $"only {checkedRequests} requests checked");
        await using (var db = h.Dbs.Create())
        {
            var s = await db.Subscriptions.SingleAsync(x => x.Id == theirSubscription);
            Assert.Null(s.Filter);
            Assert.Null((await db.Channels.SingleAsync(c => c.Id == theirs)).PausedAt);
        }

        // Without its anti-forgery token a form is refused even on one's own channel.
        var bare = await client.PostAsync(url + $"/channels/{mine}?handler=Pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        await using (var db = h.Dbs.Create())
        {
            Assert.Null((await db.Channels.SingleAsync(c => c.Id == mine)).PausedAt);
        }
        var paused = await client.PostAsync(url + $"/channels/{mine}?handler=Pause", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        await using (var db = h.Dbs.Create())
        {
            Assert.NotNull((await db.Channels.SingleAsync(c => c.Id == mine)).PausedAt);
        }

        // Signed out, nothing but the sign-in page.
        var (anonymous, _) = Client();
        var away = await anonymous.GetAsync(url + $"/channels/{mine}");
        Assert.Equal(HttpStatusCode.Redirect, away.StatusCode);
        Assert.StartsWith("/signin", away.Headers.Location!.PathAndQuery.Length > 0 && away.Headers.Location.IsAbsoluteUri ? away.Headers.Location.PathAndQuery : away.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(string baseUrl, string link, string reason)
    {
        var (client, _) = Client();
        var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/signin?error=", location, StringComparison.Ordinal);
        Assert.Contains(reason, Uri.UnescapeDataString(location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(baseUrl + "/")).StatusCode);
    }

    private static (HttpClient Client, CookieContainer Cookies) Client()
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }), cookies);
    }

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();
}
