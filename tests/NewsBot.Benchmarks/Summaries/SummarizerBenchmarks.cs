using BenchmarkDotNet.Attributes;
using NewsBot.Summaries;

namespace NewsBot.Benchmarks.Summaries;

/// <summary>Extractive summaries of ~5 KB English and Chinese articles (target: 2,000 articles/s on one core).</summary>
/// <remarks>
/// Run out of process (the default): in process with --job short the few warm-up calls may leave
/// the code at tier 0, so the first benchmark reads slower than it is. On a loaded machine the
/// generated project can take longer to build than BenchmarkDotNet's default two minutes; pass
/// --buildTimeout 900 rather than falling back to --inProcess.
/// </remarks>
[MemoryDiagnoser]
public class SummarizerBenchmarks
{
    private readonly ExtractiveSummarizer _summarizer = new();
    private string _english = "";
    private string _chinese = "";

    [GlobalSetup]
    public void Setup()
    {
        _english = BenchmarkArticles.English;
        _chinese = BenchmarkArticles.Chinese;
    }

    [Benchmark]
    public string English5KB() => _summarizer.Summarize(BenchmarkArticles.EnglishTitle, _english, 280);

    [Benchmark]
    public string Chinese5KB() => _summarizer.Summarize(BenchmarkArticles.ChineseTitle, _chinese, 280);
}
