namespace NewsBot.Summaries;

/// <summary>Lead-biased extractive summaries for Chinese, English and mixed text.</summary>
public sealed class ExtractiveSummarizer
{
    /// <summary>Returns a 1–3 sentence summary of at most <paramref name="maxChars"/> characters.</summary>
    public string Summarize(string? title, string text, int maxChars)
        => throw new NotImplementedException("contract placeholder: issue 4 helper implements");
}
