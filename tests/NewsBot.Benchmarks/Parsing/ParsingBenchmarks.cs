using System.Xml;
using BenchmarkDotNet.Attributes;
using NewsBot.Feeds;

namespace NewsBot.Benchmarks.Parsing;

/// <summary>
/// Our parser against System.ServiceModel.Syndication and CodeHollow.FeedReader on the same bytes, in one run.
/// NewsBot defers each item's HTML → text/image pass to first use; NewsBotWithText pays for it on every item. Ours is
/// called through TryParse, as the poller calls it; the others through the only entry points they have.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private byte[][] _inputs = [];

    [ParamsSource(nameof(Inputs))]
    public string Input { get; set; } = "";

    /// <summary>Every input set, or those named in NEWSBOT_PARSING_INPUTS (comma-separated) for a shorter run.</summary>
    public static IEnumerable<string> Inputs()
    {
        string[] all = ["rss2-500-items", "atom-300-entries", "zh-rss-200-items", "conformance-224"];
        var chosen = Environment.GetEnvironmentVariable("NEWSBOT_PARSING_INPUTS")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return chosen is { Length: > 0 } ? all.Intersect(chosen) : all;
    }

    [GlobalSetup]
    public void Setup()
    {
        _inputs = Input switch
        {
            "rss2-500-items" => [BenchmarkFeeds.Rss500()],
            "atom-300-entries" => [BenchmarkFeeds.Atom300()],
            "zh-rss-200-items" => [BenchmarkFeeds.Chinese200()],
            _ => ConformanceInputs(),
        };
        Console.WriteLine($"// {Input}: {_inputs.Length} documents, {_inputs.Sum(i => (long)i.Length)} bytes");
    }

    /// <summary>The public corpus from ../shared (found by walking up to NewsBot.sln); empty when absent.</summary>
    private static byte[][] ConformanceInputs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "NewsBot.sln")))
                continue;
            string cases = Path.Combine(dir.FullName, "..", "shared", "conformance", "cases");
            if (!Directory.Exists(cases))
                break;
            return [.. Directory.GetFiles(cases, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllBytes)];
        }
        Console.WriteLine("// ../shared is absent: the conformance-224 input set is empty");
        return [];
    }

    [Benchmark]
    public int NewsBot()
    {
        int items = 0;
        foreach (var input in _inputs)
        {
            // negative cases in the corpus come back false
            if (FeedParser.TryParse(input, null, null, out var feed, out _))
                items += feed.Items.Count;
        }
        return items;
    }

    /// <summary>Parsing plus every item's clean text and lead image, which the parser otherwise computes on first read.</summary>
    [Benchmark]
    public int NewsBotWithText()
    {
        int chars = 0;
        foreach (var input in _inputs)
        {
            if (!FeedParser.TryParse(input, null, null, out var feed, out _))
                continue;
            foreach (var item in feed.Items)
                chars += item.Text.Length + (item.Image?.Length ?? 0);
        }
        return chars;
    }

    [Benchmark(Baseline = true)]
    public int SyndicationFeed()
    {
        int items = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        foreach (var input in _inputs)
        {
            try
            {
                using var reader = XmlReader.Create(new MemoryStream(input), settings);
                items += System.ServiceModel.Syndication.SyndicationFeed.Load(reader).Items.Count();
            }
            catch (Exception e) when (e is XmlException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                // it rejects RDF, Atom 0.3, RSS 0.91, JSON and broken XML
            }
        }
        return items;
    }

    [Benchmark]
    public int CodeHollowFeedReader()
    {
        int items = 0;
        foreach (var input in _inputs)
        {
            try
            {
                items += CodeHollow.FeedReader.FeedReader.ReadFromByteArray(input).Items.Count;
            }
            catch (Exception)
            {
                // it throws assorted exception types on what it cannot read
            }
        }
        return items;
    }
}
