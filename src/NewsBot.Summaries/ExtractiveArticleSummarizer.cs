namespace NewsBot.Summaries;

/// <summary>The offline default: an extractive summary within Summaries:MaxChars.</summary>
public sealed class ExtractiveArticleSummarizer(SummariesOptions options) : IArticleSummarizer
{
    private readonly ExtractiveSummarizer _summarizer = new();

    /// <inheritdoc />
    public Task<string> SummarizeAsync(string? title, string text, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(_summarizer.Summarize(title, text, options.MaxChars));
    }
}
