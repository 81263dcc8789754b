using System.Text.RegularExpressions;
using NewsBot.Feeds.Parsing;
using SmartReader;

namespace NewsBot.Feeds.FullText;

/// <summary>
/// The main text of a news page: SmartReader (Mozilla Readability's algorithm over AngleSharp) finds the article's
/// element, and the feed parser's own HTML-to-text step turns it into the text the rest of the bot reads, so captions,
/// credits and trackers are left out exactly as they are from a feed's content.
/// </summary>
public static partial class ArticleExtractor
{
    /// <summary>A page this large is parsed no further than its first nodes: Readability's cost grows with the DOM.</summary>
    private const int MaxElements = 20_000;

    /// <summary>Less text than this (letters and digits) is what Readability returns for a page with no article: its menu.</summary>
    private const int MinArticleChars = 80;

    private static int TextLength(string text) => text.Count(char.IsLetterOrDigit);

    public static ExtractedPage Extract(string html, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUrl);
        if (Paywall().IsMatch(html))
        {
            return new ExtractedPage("", null, "the page says its article is for subscribers (isAccessibleForFree: false)");
        }

        Article article;
        try
        {
            var reader = new Reader(pageUrl.AbsoluteUri, html)
            {
                MaxElemsToParse = MaxElements,
                // CJK text says in 200 characters what English says in 500; Readability's default threshold would
                // throw away short Chinese articles and retry with looser rules that pull in the page's chrome.
                CharThreshold = 200,
            };
            article = reader.GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ExtractedPage("", null, $"the page could not be read as HTML ({e.GetType().Name})");
        }

        // IsReadable is Readability's guess before extracting, tuned on English paragraph lengths: it says no to most
        // Chinese articles whose content it then finds. What was found is judged instead (here and by the caller).
        var body = string.IsNullOrWhiteSpace(article.Content) ? default : HtmlText.Extract(article.Content, pageUrl);
        var image = LeadImage(article.FeaturedImage, pageUrl) ?? body.Image;
        var text = WithoutAdLabels(body.Text);
        if (TextLength(text) < MinArticleChars)
        {
            return new ExtractedPage("", image, "no article text found on the page");
        }
        return new ExtractedPage(text, image, null);
    }

    /// <summary>The labels of ad slots inside the article body ("Advertisement", "广告"), lines of their own.</summary>
    private static readonly HashSet<string> AdLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "Advertisement", "Ad", "Sponsored", "Story continues below advertisement", "Continue reading below", "Anzeige", "Publicité",
        "Publicidad", "Pubblicità", "广告", "廣告", "推广", "赞助内容", "広告",
    };

    private static string WithoutAdLabels(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var lines = text.Split('\n');
        return lines.Any(l => AdLabels.Contains(l.Trim())) ? string.Join('\n', lines.Where(l => !AdLabels.Contains(l.Trim()))) : text;
    }

    /// <summary>og:image or twitter:image (SmartReader reads both), absolute, and not a tracker or a data: URI.</summary>
    private static string? LeadImage(string? featured, Uri pageUrl)
    {
        if (string.IsNullOrWhiteSpace(featured))
        {
            return null;
        }
        var url = FeedUrls.Resolve(featured.Trim(), pageUrl);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
        {
            return null;
        }
        return ImageUrls.IsTracker(url, null, null) ? null : url;
    }

    /// <summary>schema.org's paywall flag in the page's JSON-LD, as Google asks publishers to mark subscriber content.</summary>
    [GeneratedRegex("\"isAccessibleForFree\"\\s*:\\s*\"?false\"?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Paywall();
}
