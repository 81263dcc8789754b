using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries.Chinese;

namespace NewsBot.Delivery;

public static class PostFactory
{
    /// <param name="row">The outbox row being posted: its translated title and summary, when the channel reads another language.</param>
    /// <param name="channelLanguage">The channel's summary language: a Chinese one converts the script (simplified ↔ traditional).</param>
    /// <param name="display">The subscription's display settings over the channel's; their mention and tag rules are matched here.</param>
    public static Post From(Article article, IReadOnlyList<string>? alsoIn = null, OutboxEntry? row = null, string? channelLanguage = null, DisplaySettings? display = null)
    {
        var feed = article.Feed;
        var source = string.IsNullOrWhiteSpace(feed?.Title) ? HostOf(feed?.Url) : feed.Title!;
        var title = row?.TranslatedTitle ?? article.Title;
        var summary = row?.TranslatedSummary ?? article.Summary ?? "";
        var text = article.PageText ?? article.Text ?? "";
        if (ChineseConverter.ForLanguage(channelLanguage) is { } script)
        {
            title = script.Convert(title);
            summary = script.Convert(summary);
        }
        display ??= DisplaySettings.None;
        var folded = display.Mentions is { Count: > 0 } || display.Tags is { Count: > 0 } ? Router.FoldedForFilters(article) : "";
        var mentions = display.Mentions?.Where(r => Matches(r.Filter, folded)).ToList() ?? [];
        return new Post(
            title,
            article.Url,
            summary,
            source,
            feed?.SiteLink ?? feed?.Url,
            article.PublishedAt,
            article.ImageUrl,
            row?.TranslatedSummary is null ? article.Language : NewsBot.Summaries.SummaryLanguages.Base(channelLanguage ?? "other"),
            alsoIn ?? [])
        {
            Text = text,
            Author = article.Author,
            Categories = article.Categories?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Media = ArticleMedia.FromJson(article.Media),
            Display = display,
            MentionRoles = mentions.SelectMany(r => r.Roles).Distinct().ToList(),
            MentionUsers = mentions.SelectMany(r => r.Users).Distinct().ToList(),
            ForumTags = display.Tags?.Where(r => Matches(r.Filter, folded)).SelectMany(r => r.Tags).Distinct().Take(5).ToList() ?? [],
        };
    }

    private static bool Matches(string? filter, string folded) => ArticleFilter.ParseStored(filter) is not { } f || f.Matches(folded);

    private static string HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url ?? "feed";
}
