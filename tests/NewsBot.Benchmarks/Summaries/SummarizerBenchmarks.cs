using BenchmarkDotNet.Attributes;
using NewsBot.Summaries;

namespace NewsBot.Benchmarks.Summaries;

/// <summary>Extractive summaries of ~5 KB English and Chinese articles (target: 2,000 articles/s on one core).</summary>
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
