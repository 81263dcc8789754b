namespace NewsBot.Summaries;

/// <summary>Extractive (offline default) and LLM summaries behind one call; the LLM one always falls back.</summary>
public interface IArticleSummarizer
{
    /// <returns>A summary of at most Summaries:MaxChars characters, in the article's language.</returns>
    Task<string> SummarizeAsync(string? title, string text, CancellationToken ct);
}
