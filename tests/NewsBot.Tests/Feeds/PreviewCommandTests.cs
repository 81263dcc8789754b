using System.Text.Json;
using NewsBot.Cli;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Feeds;

public sealed class PreviewCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("preview-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, List<JsonElement> Lines, string Raw)> RunAsync(params string[] args)
    {
        using var services = PreviewTestServices.Build();
        using var stdout = new StringWriter();
        int code = await PreviewCommand.RunAsync(args, services, stdout, CancellationToken.None);
        string raw = stdout.ToString();
        var lines = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (code, lines, raw);
    }

    [Fact]
    public async Task Json_lines_follow_the_contract_in_input_order_and_a_bad_input_does_not_stop_the_rest()
    {
        string good = WriteFile("good.xml", """
            <rss version="2.0"><channel><title>Good</title><link>/</link>
              <item><title>Hello</title><link>/a</link><guid>g1</guid><pubDate>Tue, 05 Nov 2024 02:39:04 GMT</pubDate>
                <description>&lt;p&gt;First line.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
            </channel></rss>
            """);
        string html = WriteFile("page.html", "<!DOCTYPE html><html><body>hi</body></html>");
        string missing = Path.Combine(_dir, "missing.xml");

        var (code, lines, _) = await RunAsync("--json", "--base-url", "https://news.example/feed.xml", html, good, missing);

        Assert.Equal(1, code);
        Assert.Equal(3, lines.Count);
        Assert.Equal(html, lines[0].GetProperty("source").GetString());
        Assert.False(lines[0].GetProperty("ok").GetBoolean());
        Assert.Contains("HTML", lines[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("no such file", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);

        var feed = lines[1];
        Assert.True(feed.GetProperty("ok").GetBoolean());
        Assert.Equal("rss2.0", feed.GetProperty("format").GetString());
        Assert.Equal("https://news.example/", feed.GetProperty("link").GetString());
        foreach (var key in new[] { "title", "description", "image", "author", "categories", "published", "updated", "items" })
            Assert.True(feed.TryGetProperty(key, out _), key);
        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.Equal("g1", item.GetProperty("id").GetString());
        Assert.Equal("https://news.example/a", item.GetProperty("link").GetString());
        Assert.Equal("2024-11-05T02:39:04Z", item.GetProperty("published").GetString());
        Assert.Equal("First line.\nSecond.", item.GetProperty("text").GetString());
        Assert.Equal("First line.", item.GetProperty("summary").GetString());
        foreach (var key in new[] { "updated", "author", "categories", "summaryHtml", "contentHtml", "image", "enclosures" })
            Assert.True(item.TryGetProperty(key, out _), key);
    }

    [Fact]
    public async Task Urls_are_fetched_and_resolved_against_the_final_url()
    {
        await using var server = await LoopbackFeedServer.StartAsync();
        server.AddItem("news", "id-1", "Served title", "<p>Served body.</p>");

        var (code, lines, _) = await RunAsync("--json", server.UrlOf("news"), server.UrlOf("absent"));

        Assert.Equal(1, code);
        Assert.True(lines[0].GetProperty("ok").GetBoolean());
        Assert.Equal("Served title", lines[0].GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal("Served body.", lines[0].GetProperty("items")[0].GetProperty("text").GetString());
        Assert.False(lines[1].GetProperty("ok").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(lines[1].GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Text_mode_prints_title_link_date_image_and_summary()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "seed-voa-zh.xml");
        using var services = PreviewTestServices.Build();
        using var stdout = new StringWriter();
        int code = await PreviewCommand.RunAsync([path], services, stdout, CancellationToken.None);
        string text = stdout.ToString();
        Assert.Equal(0, code);
        Assert.Contains("美国之音中文网 - 国际", text, StringComparison.Ordinal);
        Assert.Contains("分析人士：朝鲜在对俄关系上冒险孤注一掷", text, StringComparison.Ordinal);
        Assert.Contains("https://gdb.voanews.com/", text, StringComparison.Ordinal);
        Assert.Contains("2024-11-05 02:39 UTC", text, StringComparison.Ordinal);
        Assert.Contains("分析人士称", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--json")]
    [InlineData("--base-url|not a url|x.xml")]
    [InlineData("--bogus|x.xml")]
    public async Task Usage_errors_return_2_with_one_line(string joined)
    {
        string[] args = joined.Split('|', StringSplitOptions.RemoveEmptyEntries);
        using var services = PreviewTestServices.Build();
        using var stdout = new StringWriter();
        Assert.Equal(2, await PreviewCommand.RunAsync(args, services, stdout, CancellationToken.None));
        Assert.Contains("usage: preview", stdout.ToString(), StringComparison.Ordinal);
    }
    [Fact]
    public async Task Full_text_shows_which_text_each_item_was_summarized_from()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        var article = NewsBot.Tests.Summaries.EvaluationArticle.LoadAll().Single(a => a.Name == "en-04");
        var page = NewsPages.Render(article.Title, article.Text.Split('\n'), "en", new Uri(site.PageUrl("council")), layout: 1);
        site.ServeHtml("council", NewsPages.Encode(page.Html));
        site.ServeStatus("gone", 404);
        site.AddItem("gone", "A story whose page is gone", "Only a teaser …");
        site.AddItem("council", article.Title, NewsPages.Teaser(article.Text.Split('\n')));

        // A URL is read as the bot reads it: teasers (auto) from their pages.
        var (code, lines, _) = await RunAsync("--json", site.FeedUrl);
        Assert.Equal(0, code);
        var items = lines[0].GetProperty("items");
        Assert.Equal("page", items[0].GetProperty("textSource").GetString());
        Assert.Equal(site.PageUrl("council"), items[0].GetProperty("pageUrl").GetString());
        Assert.Equal(page.ImageUrl, items[0].GetProperty("image").GetString());
        // The test summarizer gives the first line of the text it is handed: the page's first paragraph, not the teaser.
        var summary = items[0].GetProperty("summary").GetString()!;
        Assert.True(summary.Length > items[0].GetProperty("text").GetString()!.Length, summary);
        Assert.Contains(summary[(summary.Length / 3)..], article.Text, StringComparison.Ordinal);
        Assert.Equal("feed", items[1].GetProperty("textSource").GetString());
        Assert.Contains("HTTP 404", items[1].GetProperty("pageNote").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, site.Hits("council"));

        // --full-text never reads no page.
        (code, lines, _) = await RunAsync("--json", "--full-text", "never", site.FeedUrl);
        Assert.Equal(0, code);
        Assert.All(lines[0].GetProperty("items").EnumerateArray(), i => Assert.Equal("feed", i.GetProperty("textSource").GetString()));
        Assert.All(lines[0].GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("pageUrl").ValueKind));
        Assert.Equal(1, site.Hits("council"));

        // A file stays offline unless asked; asked, its links are followed.
        var file = WriteFile("teasers.xml", await new HttpClient().GetStringAsync(site.FeedUrl));
        (_, lines, _) = await RunAsync("--json", file);
        Assert.Equal("feed", lines[0].GetProperty("items")[0].GetProperty("textSource").GetString());
        (_, lines, _) = await RunAsync("--json", "--full-text", "always", file);
        Assert.Equal("page", lines[0].GetProperty("items")[0].GetProperty("textSource").GetString());
        Assert.Equal(2, site.Hits("council"));

        using var services = PreviewTestServices.Build();
        using var stdout = new StringWriter();
        Assert.Equal(2, await PreviewCommand.RunAsync(["--json", "--full-text", "sometimes", file], services, stdout, CancellationToken.None));
        Assert.Contains("--full-text needs auto, always or never", stdout.ToString(), StringComparison.Ordinal);
    }
}
