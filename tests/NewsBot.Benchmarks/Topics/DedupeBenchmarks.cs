using BenchmarkDotNet.Attributes;
using NewsBot.Routing;

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

    [GlobalSetup]
    public void Setup()
    {
        _articles = TopicArticles.Generate(3000);
        _keys = SimHashKeys();
        _signatures = MinHashSignatures();
        var (simTrue, simFalse) = Quality((i, j) => _keys[i].SameStory(_keys[j]));
        var (minTrue, minFalse) = Quality((i, j) => MinHashPeer.Jaccard(_signatures[i], _signatures[j]) >= MinHashPeer.Threshold);
        var reruns = _articles.Count - _articles.Select(a => a.Story).Distinct().Count();
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
