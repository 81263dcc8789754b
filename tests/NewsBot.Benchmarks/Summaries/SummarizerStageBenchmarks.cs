using BenchmarkDotNet.Attributes;
using NewsBot.Summaries;

namespace NewsBot.Benchmarks.Summaries;

/// <summary>
/// Where a summary's time and allocations go, stage by stage, on the same 5 KB articles: cleaning
/// every paragraph, splitting them into sentences, reading the candidates (cleaning, splitting and
/// tokenising only as far as the summary reaches: three sentences for English, thirty for Chinese)
/// and the whole summary.
/// </summary>
[MemoryDiagnoser]
public class SummarizerStageBenchmarks
{
    private readonly List<ReadOnlyMemory<char>> _paragraphs = [];
    private readonly List<Range> _ranges = [];
    private string _text = "";
    private string _title = "";
    private int[] _titleTokens = [];

    [Params("en", "zh")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        (_title, _text) = Language == "en"
            ? (BenchmarkArticles.EnglishTitle, BenchmarkArticles.English)
            : (BenchmarkArticles.ChineseTitle, BenchmarkArticles.Chinese);
        _titleTokens = SentenceTokens.Of(_title);
        var reader = new TextCleaner.ParagraphReader(_text);
        while (reader.Next(out var paragraph))
        {
            _paragraphs.Add(paragraph);
        }
    }

    [Benchmark]
    public int Clean()
    {
        var count = 0;
        var reader = new TextCleaner.ParagraphReader(_text);
        while (reader.Next(out _))
        {
            count++;
        }

        return count;
    }

    [Benchmark]
    public int Split()
    {
        var count = 0;
        foreach (var paragraph in _paragraphs)
        {
            _ranges.Clear();
            SentenceSplitter.SplitParagraph(paragraph.Span, _ranges);
            count += _ranges.Count;
        }

        return count;
    }

    [Benchmark]
    public int ReadCandidates()
        => CandidateSentences.Read(_text, _title, _titleTokens, Language == "en" ? ExtractiveSummarizer.MaxSentences : ExtractiveSummarizer.MaxCandidates).Count;

    [Benchmark]
    public string Summarize() => new ExtractiveSummarizer().Summarize(_title, _text, 280);
}
