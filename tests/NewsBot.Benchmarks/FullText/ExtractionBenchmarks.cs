using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using NewsBot.Feeds.FullText;
using NewsBot.Feeds.Parsing;
using NewsBot.Tests.Support;

namespace NewsBot.Benchmarks.FullText;

/// <summary>
/// Reading an article page as the product does (charset prescan and decode, SmartReader with our settings, the feed
/// parser's HTML-to-text with captions and ad labels left out), beside SmartReader with its own defaults and its own
/// TextContent, and beside the whole page's text from AngleSharp alone (what no extraction costs), on news pages of
/// 50, 150 and 300 KB in English and in Chinese (the Chinese portal served as GB18030).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private byte[] _bytes = [];
    private string _html = "";
    private Uri _url = null!;

    [Params("en", "zh")]
    public string Language { get; set; } = "en";

    [Params(50, 150, 300)]
    public int Kilobytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var name = Language == "en" ? "en-02" : "zh-03";
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "summaries", name + ".txt"));
        var separator = Array.IndexOf(lines, "---");
        _url = new Uri($"https://news.example.com/{Language}/2026/11/30/{name}.html");
        var page = NewsPages.Render(lines[0]["title: ".Length..], lines[(separator + 1)..], Language, _url, Language == "en" ? 0 : 2, Kilobytes * 1024);
        _bytes = NewsPages.Encode(page.Html);
        _html = FeedEncoding.DecodeHtml(_bytes, "text/html");
        Console.WriteLine($"// {Language} {_bytes.Length} bytes; ours: {Ours().Length} chars; SmartReader defaults: {SmartReaderDefaults().Length} chars");
    }

    [Benchmark(Baseline = true)]
    public string Ours() => ArticleExtractor.Extract(FeedEncoding.DecodeHtml(_bytes, "text/html"), _url).Text;

    [Benchmark]
    public string SmartReaderDefaults() => new SmartReader.Reader(_url.AbsoluteUri, _html).GetArticle().TextContent ?? "";

    [Benchmark]
    public string WholePageText() => new HtmlParser().ParseDocument(_html).Body?.TextContent ?? "";
}
