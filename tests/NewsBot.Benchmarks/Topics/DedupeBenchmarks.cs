using BenchmarkDotNet.Attributes;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Benchmarks.Topics;

/// <summary>
/// Near-duplicate detection over 3,000 generated zh/en articles: fingerprinting alone, and a stream pass in which each
/// article is compared with the previous <see cref="Window"/> (a busy channel's recent stories). Ours: SimHash story
/// keys, a popcount candidate check, then the weighted-Jaccard and numbers confirmation. Peer: 64-slot MinHash.
/// </summary>
[MemoryDiagnoser]
public class DedupeBenchmarks
{
    public const int Window = 500;

    private List<BenchArticle> _articles = [];
    private StoryKey[] _keys = [];
    private uint[][] _signatures = [];
    private FeedBoilerplate[] _profiles = [];

    /// <summary>The stream as routing sees it: articles from this many feeds, each with its own template to strip.</summary>
    public const int Feeds = 20;

    [GlobalSetup]
    public void Setup()
    {
        _articles = TopicArticles.Generate(3000);
        _keys = SimHashKeys();
        _signatures = MinHashSignatures();
        _profiles = LearnBoilerplate();
        var (simTrue, simFalse) = Quality((i, j) => _keys[i].SameStory(_keys[j]));
        var (minTrue, minFalse) = Quality((i, j) => MinHashPeer.Jaccard(_signatures[i], _signatures[j]) >= MinHashPeer.Threshold);
        var reruns = _articles.Count - _articles.Select(a => a.Story).Distinct().Count();
        var product = ProductKeys();
        var (prodTrue, prodFalse) = Quality((i, j) => i % Feeds != j % Feeds && product[i].SameStory(product[j]));
        var crossFeedReruns = CrossFeedReruns();
        Console.WriteLine($"// product path ({Feeds} feeds, templates stripped, same feed never merged): {prodTrue} true / {prodFalse} false merges; {crossFeedReruns} re-runs come from another feed within the window");
        Console.WriteLine($"// {_articles.Count} articles, {reruns} re-runs; within a {Window}-article window: SimHash keys {simTrue} true / {simFalse} false merges, MinHash {minTrue} true / {minFalse} false");
    }

    [Benchmark(Baseline = true)]
    public StoryKey[] SimHashKeys() => _articles.Select(a => StoryKey.Of(a.Title, a.Text)).ToArray();

    [Benchmark]
    public uint[][] MinHashSignatures() => _articles.Select(a => MinHashPeer.Of(a.Title, a.Text)).ToArray();

    [Benchmark]
    public int SimHashStream()
    {
        var keys = new StoryKey[_articles.Count];
        var duplicates = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = StoryKey.Of(_articles[i].Title, _articles[i].Text);
            for (var j = Math.Max(0, i - Window); j < i; j++)
            {
                if (keys[i].SameStory(keys[j]))
                {
                    duplicates++;
                    break;
                }
            }
        }
        return duplicates;
    }

    /// <summary>Each feed's template, learned from its latest <see cref="FeedBoilerplate.SampleItems"/> items, as routing does per refresh.</summary>
    [Benchmark]
    public FeedBoilerplate[] LearnBoilerplate() => Enumerable.Range(0, Feeds)
        .Select(f => FeedBoilerplate.Learn(_articles.Where((_, i) => i % Feeds == f).Take(FeedBoilerplate.SampleItems).Select(a => ((string?)a.Title, (string?)a.Text))))
        .ToArray();

    /// <summary>
    /// What the router does since issue 16: each article keyed with its feed's template stripped, compared with the
    /// window's stories of other feeds only (two items of one feed are never the same story).
    /// </summary>
    [Benchmark]
    public int ProductStream()
    {
        var keys = new StoryKey[_articles.Count];
        var duplicates = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var a = _articles[i];
            keys[i] = Router.KeyOf(new Article { DedupeKey = "", Title = a.Title, Text = a.Text }, _profiles[i % Feeds]);
            for (var j = Math.Max(0, i - Window); j < i; j++)
            {
                if (j % Feeds != i % Feeds && keys[i].SameStory(keys[j]))
                {
                    duplicates++;
                    break;
                }
            }
        }
        return duplicates;
    }

    [Benchmark]
    public int MinHashStream()
    {
        var signatures = new uint[_articles.Count][];
        var duplicates = 0;
        for (var i = 0; i < signatures.Length; i++)
        {
            signatures[i] = MinHashPeer.Of(_articles[i].Title, _articles[i].Text);
            for (var j = Math.Max(0, i - Window); j < i; j++)
            {
                if (MinHashPeer.Jaccard(signatures[i], signatures[j]) >= MinHashPeer.Threshold)
                {
                    duplicates++;
                    break;
                }
            }
        }
        return duplicates;
    }

    private StoryKey[] ProductKeys() =>
        _articles.Select((a, i) => Router.KeyOf(new Article { DedupeKey = "", Title = a.Title, Text = a.Text }, _profiles[i % Feeds])).ToArray();

    /// <summary>Re-runs with an earlier copy from another feed within the window: the most the product path can find.</summary>
    private int CrossFeedReruns()
    {
        var count = 0;
        for (var i = 0; i < _articles.Count; i++)
        {
            for (var j = Math.Max(0, i - Window); j < i; j++)
            {
                if (j % Feeds != i % Feeds && _articles[i].Story == _articles[j].Story)
                {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /// <summary>Pairs within the window judged the same story: those that are (re-runs) and those that are not.</summary>
    private (int True, int False) Quality(Func<int, int, bool> same)
    {
        int truePairs = 0, falsePairs = 0;
        for (var i = 0; i < _articles.Count; i++)
        {
            for (var j = Math.Max(0, i - Window); j < i; j++)
            {
                if (same(i, j))
                {
                    if (_articles[i].Story == _articles[j].Story)
                    {
                        truePairs++;
                    }
                    else
                    {
                        falsePairs++;
                    }
                }
            }
        }
        return (truePairs, falsePairs);
    }
}
