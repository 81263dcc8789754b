using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using NewsBot.Routing;

namespace NewsBot.Benchmarks.Topics;

/// <summary>
/// Matching 3,000 zh/en articles against 20 topic filters: ours (fold each article once, word boundaries for Latin,
/// substrings for CJK, width- and case-insensitive) against a naive Regex alternation per filter and a plain
/// ToLowerInvariant + Contains baseline (no word boundaries, no width folding). Each returns the number of matches.
/// </summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private static readonly string[][] Topics =
    [
        ["central bank", "央行"], ["interest rates", "存款准备金率"], ["toyota", "recall", "比亚迪"], ["tariffs", "出口"],
        ["chip", "芯片"], ["climate", "气候", "台风"], ["wildfire", "防汛"], ["pension", "稳增长"], ["lithium", "锂电池"],
        ["football", "女排"], ["london", "上海"], ["oil", "能源"], ["bird flu", "世界卫生组织"], ["dock workers", "港口"],
        ["export controls", "商务部"], ["street vendors", "城市更新"], ["brussels", "跨境电商"], ["apple", "数据中心"],
        ["freight", "集装箱"], ["singapore", "人民币"],
    ];

    private List<BenchArticle> _articles = [];
    private ArticleFilter[] _ours = [];
    private Regex[] _regexes = [];
    private string[][] _lowered = [];

    [GlobalSetup]
    public void Setup()
    {
        _articles = TopicArticles.Generate(3000);
        _ours = Topics.Select(t => ArticleFilter.TryParse(string.Join(" OR ", t.Select(k => k.Contains(' ', StringComparison.Ordinal) ? $"\"{k}\"" : k)), out var f, out var e) ? f : throw new InvalidOperationException(e)).ToArray();
        _regexes = Topics.Select(t => new Regex(string.Join("|", t.Select(k => char.IsAscii(k[0]) ? $@"\b{Regex.Escape(k)}\b" : Regex.Escape(k))), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled)).ToArray();
        _lowered = Topics.Select(t => t.Select(k => k.ToLowerInvariant()).ToArray()).ToArray();
        Console.WriteLine($"// {_articles.Count} articles, {Topics.Length} filters; matches: ours {NewsBotFilter()}, regex {RegexAlternation()}, contains {LowerContains()}");
    }

    [Benchmark(Baseline = true)]
    public int NewsBotFilter()
    {
        var matches = 0;
        foreach (var a in _articles)
        {
            var folded = ArticleFilter.FoldedArticle(a.Title, a.Text);
            foreach (var filter in _ours)
            {
                matches += filter.Matches(folded) ? 1 : 0;
            }
        }
        return matches;
    }

    [Benchmark]
    public int RegexAlternation()
    {
        var matches = 0;
        foreach (var a in _articles)
        {
            var text = a.Title + "\n" + a.Text;
            foreach (var regex in _regexes)
            {
                matches += regex.IsMatch(text) ? 1 : 0;
            }
        }
        return matches;
    }

    [Benchmark]
    public int LowerContains()
    {
        var matches = 0;
        foreach (var a in _articles)
        {
            var text = (a.Title + "\n" + a.Text).ToLowerInvariant();
            foreach (var keywords in _lowered)
            {
                matches += keywords.Any(k => text.Contains(k, StringComparison.Ordinal)) ? 1 : 0;
            }
        }
        return matches;
    }
}
