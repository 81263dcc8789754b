using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Web;

public sealed class StatusPageTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_page_shows_feed_health_channels_backlog_and_posts_with_feed_text_encoded(string provider)
    {
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        var (app, url) = await StatusHost.StartAsync(storage);
        await using var _ = app;
        using var http = new HttpClient();

        var response = await http.GetAsync(url + "/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>news", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Breaking &amp; &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; HTTP 500", html, StringComparison.Ordinal);
        Assert.Contains("3 failures in a row", html, StringComparison.Ordinal);
        Assert.Contains("Healthy feed", html, StringComparison.Ordinal);
        Assert.Contains("telegram:-100777", html, StringComparison.Ordinal);
        Assert.Contains("paused: Missing Access", html, StringComparison.Ordinal);
        Assert.Contains("topic: space", html, StringComparison.Ordinal);
        Assert.Contains("filter moon -rumour", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" id=\"pending\">1</td>", html, StringComparison.Ordinal);
        Assert.Contains("Probe lands &lt;safely&gt;", html, StringComparison.Ordinal);
        Assert.Contains("2 feeds", html, StringComparison.Ordinal);
        // Failing feeds come first, so a large catalog still shows what needs attention.
        Assert.True(html.IndexOf("Breaking", StringComparison.Ordinal) < html.IndexOf("Healthy feed", StringComparison.Ordinal));

        Assert.Equal("ok", await http.GetStringAsync(url + "/healthz"));
        // The schedulers start in the background once the host is up, so readiness may take a moment.
        var detail = "";
        var ready = await Eventually.TrueAsync(() =>
        {
            var r = http.GetAsync(url + "/readyz").GetAwaiter().GetResult();
            detail = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return r.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30));
        Assert.True(ready, detail);
        Assert.Equal("ready", detail);
        await app.StopAsync();
    }

    [SkippableFact]
    public async Task With_a_user_and_password_the_page_asks_for_basic_auth_but_health_stays_open()
    {
        await using var storage = await PostgresOrSqlite.CreateAsync("Sqlite");
        var (app, url) = await StatusHost.StartAsync(storage, ("Web:User", "admin"), ("Web:Password", "s3cret:with colon"));
        await using var _ = app;
        using var http = new HttpClient();

        var anonymous = await http.GetAsync(url + "/status");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Healthy feed", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var wrong in new[] { "admin:nope", "admin", "root:s3cret:with colon", "" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/status");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(wrong)));
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }
        using (var garbage = new HttpRequestMessage(HttpMethod.Get, url + "/status"))
        {
            garbage.Headers.TryAddWithoutValidation("Authorization", "Basic %%%not-base64");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(garbage)).StatusCode);
        }

        using var good = new HttpRequestMessage(HttpMethod.Get, url + "/status");
        good.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret:with colon")));
        var ok = await http.SendAsync(good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Healthy feed", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
        Assert.True(await Eventually.TrueAsync(() => http.GetAsync(url + "/readyz").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30)));
        await app.StopAsync();
    }

    [Fact]
    public void Only_one_of_user_and_password_stops_start_up_naming_the_key()
    {
        using var db = new TempDatabase();
        var settings = TestHost.Settings(db, ("Web:User", "admin"));
        var app = NewsBot.Hosting.NewsBotApp.Build([], new NewsBot.Hosting.HostOverrides { Settings = settings }, out var error);
        Assert.Null(app);
        Assert.StartsWith("Web:Password:", error, StringComparison.Ordinal);
    }
}
