using NewsBot.Storage;

namespace NewsBot.Delivery;

public static class PostFactory
{
    public static Post From(Article article, IReadOnlyList<string>? alsoIn = null)
    {
        var feed = article.Feed;
        var source = string.IsNullOrWhiteSpace(feed?.Title) ? HostOf(feed?.Url) : feed.Title!;
        return new Post(
            article.Title,
            article.Url,
            article.Summary ?? "",
            source,
            feed?.SiteLink ?? feed?.Url,
            article.PublishedAt,
            article.ImageUrl,
            article.Language,
            alsoIn ?? []);
    }

    private static string HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : url ?? "feed";
}
