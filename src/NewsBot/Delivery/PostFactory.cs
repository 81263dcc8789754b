using NewsBot.Storage;
using NewsBot.Summaries.Chinese;

namespace NewsBot.Delivery;

public static class PostFactory
{
    /// <param name="row">The outbox row being posted: its translated title and summary, when the channel reads another language.</param>
    /// <param name="channelLanguage">The channel's summary language: a Chinese one converts the script (simplified ↔ traditional).</param>
    public static Post From(Article article, IReadOnlyList<string>? alsoIn = null, OutboxEntry? row = null, string? channelLanguage = null)
    {
        var feed = article.Feed;
        var source = string.IsNullOrWhiteSpace(feed?.Title) ? HostOf(feed?.Url) : feed.Title!;
        var title = row?.TranslatedTitle ?? article.Title;
        var summary = row?.TranslatedSummary ?? article.Summary ?? "";
        if (ChineseConverter.ForLanguage(channelLanguage) is { } script)
        {
            title = script.Convert(title);
            summary = script.Convert(summary);
        }
        return new Post(
            title,
            article.Url,
            summary,
            source,
            feed?.SiteLink ?? feed?.Url,
            article.PublishedAt,
            article.ImageUrl,
            row?.TranslatedSummary is null ? article.Language : NewsBot.Summaries.SummaryLanguages.Base(channelLanguage ?? "other"),
            alsoIn ?? []);
    }

    private static string HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url ?? "feed";
}
