using System.Text;
using NewsBot.Hosting;
using NewsBot.Routing;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Topics;

public sealed class OpmlTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("<rss version=\"2.0\"><channel/></rss>", "not OPML")]
    [InlineData("<opml><body><outline xmlUrl=\"https://a.example/\">", "not well-formed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE opml SYSTEM \"http://evil.example/x.dtd\"><opml/>", "DTD")]
    [InlineData("just text", "not well-formed")]
    public void Hostile_or_broken_files_are_refused_with_a_clear_reason(string content, string reason)
    {
        Assert.False(OpmlDocument.TryRead(Encoding.UTF8.GetBytes(content), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Huge_and_deeply_nested_files_are_refused()
    {
        var huge = Encoding.UTF8.GetBytes("<opml><body>" + string.Concat(Enumerable.Repeat("<outline text=\"padding padding padding\"/>", 40_000)) + "</body></opml>");
        Assert.False(OpmlDocument.TryRead(huge, out _, out var tooBig));
        Assert.Contains("larger than", tooBig, StringComparison.Ordinal);
        var deep = Encoding.UTF8.GetBytes("<opml><body>" + string.Concat(Enumerable.Repeat("<outline>", 100)) + string.Concat(Enumerable.Repeat("</outline>", 100)) + "</body></opml>");
        Assert.False(OpmlDocument.TryRead(deep, out _, out var tooDeep));
        Assert.Contains("nested deeper", tooDeep, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_nested_folders_and_keeps_titles_and_filters_through_a_write()
    {
        var feeds = new List<OpmlFeed> { new("https://a.example/rss", "A & B <news>", "climate -\"football club\""), new("https://b.example/中文.xml", "中文新闻") };
        var bytes = OpmlDocument.Write("mine", feeds, DateTimeOffset.UnixEpoch);
        Assert.True(OpmlDocument.TryRead(bytes, out var back, out var error), error);
        Assert.Equal(feeds, back);
        Assert.True(OpmlDocument.TryRead(File.ReadAllBytes(CatalogPath()), out var catalog, out error), error);
        Assert.True(catalog.Count >= 6);
        Assert.All(catalog, f => Assert.StartsWith("https://", f.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cli_exports_and_imports_a_channels_subscriptions()
    {
        using var temp = new TempDatabase();
        var settings = TestHost.Settings(temp);
        var source = Path.Combine(temp.Folder, "in.opml");
        await File.WriteAllBytesAsync(source, OpmlDocument.Write("x", [new("https://a.example/rss", "Feed A", "climate"), new("https://b.example/atom", "Feed B"), new("ftp://c.example/feed", "Bad")], DateTimeOffset.UnixEpoch));

        var (code, output, errors) = await RunAsync(settings, "opml", "import", source, "--channel", "telegram:-100123");
        Assert.Equal(0, code);
        Assert.Contains("imported 2 feeds into telegram:-100123", output, StringComparison.Ordinal);
        Assert.Contains("only http and https", errors, StringComparison.Ordinal);

        var target = Path.Combine(temp.Folder, "out.opml");
        (code, output, _) = await RunAsync(settings, "opml", "export", "--channel", "telegram:-100123", target);
        Assert.Equal(0, code);
        Assert.True(OpmlDocument.TryRead(await File.ReadAllBytesAsync(target), out var exported, out _));
        Assert.Equal([new OpmlFeed("https://a.example/rss", "Feed A", "climate"), new OpmlFeed("https://b.example/atom", "Feed B")], exported);

        (code, output, _) = await RunAsync(settings, "opml", "export");
        Assert.Equal(0, code);
        Assert.DoesNotContain("a.example", output, StringComparison.Ordinal); // the console channel subscribed to nothing

        (code, _, errors) = await RunAsync(settings, "opml", "import", Path.Combine(temp.Folder, "missing.opml"));
        Assert.Equal(1, code);
        Assert.Contains("no such file", errors, StringComparison.Ordinal);
        (code, _, errors) = await RunAsync(settings, "opml", "frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("usage: opml", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var stdout = new SyncStringWriter();
        var stderr = new SyncStringWriter();
        var code = await NewsBotApp.RunAsync(args, new HostOverrides { Settings = settings, Stdout = stdout, Stderr = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string CatalogPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir!.FullName, "config", "catalog.opml");
    }
}
