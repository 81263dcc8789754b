namespace NewsBot.Summaries;

public sealed class ExtractiveArticleSummarizer(SummariesOptions options) : IArticleSummarizer
{
    public Task<string> SummarizeAsync(string? title, string text, CancellationToken ct)
        => throw new NotImplementedException($"contract placeholder: summaries helper implements ({options}, {title}, {text}, {ct})");
}
