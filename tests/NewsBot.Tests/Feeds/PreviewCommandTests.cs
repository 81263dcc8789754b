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
}
