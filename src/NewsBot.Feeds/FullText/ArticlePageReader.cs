using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Feeds.FullText;

/// <summary>What reading one article page gave: its text and image, or why not (the feed's text is used then).</summary>
/// <param name="PageUrl">The page asked for, or where it redirected to.</param>
public sealed record PageRead(Uri PageUrl, string Text, string? Image, string? Problem);

/// <summary>
/// Fetches an item's article page through the feed fetcher (SSRF guard on the connected address, per-host gate, size
/// cap, one deadline, gzip/br, the honest User-Agent) and extracts its main text. Never throws for the page's faults.
/// </summary>
public sealed class ArticlePageReader(FeedFetcher fetcher, FeedsOptions options)
{
    private const string HtmlAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1";

    public async Task<PageRead> ReadAsync(string? link, TimeSpan timeout, CancellationToken ct)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new PageRead(new Uri("about:blank"), "", null, link is null ? "the item has no link" : $"the item's link is not an http(s) URL: {link}");
        }
        if (timeout <= TimeSpan.Zero)
        {
            return new PageRead(url, "", null, "no time left within Feeds:FullTextTimeout");
        }

        var limits = new FetchLimits(timeout, "Feeds:FullTextTimeout", options.FullTextMaxBytes, "Feeds:FullTextMaxBytes", HtmlAccept);
        var fetched = await fetcher.FetchAsync(new FetchRequest(url) { Limits = limits }, ct);
        if (fetched.Status != FetchStatus.Ok || fetched.Body is null)
        {
            return new PageRead(fetched.FinalUrl, "", null, fetched.Error ?? $"the page answered {fetched.Status}");
        }
        if (!LooksLikeHtml(fetched.ContentType, fetched.Body))
        {
            return new PageRead(fetched.FinalUrl, "", null, $"not an HTML page ({fetched.ContentType ?? "no Content-Type"})");
        }

        var html = FeedEncoding.DecodeHtml(fetched.Body, fetched.ContentType);
        var page = ArticleExtractor.Extract(html, fetched.FinalUrl);
        return new PageRead(fetched.FinalUrl, page.Text, page.Image, page.Problem);
    }

    private static bool LooksLikeHtml(string? contentType, byte[] body)
    {
        if (!string.IsNullOrWhiteSpace(contentType))
        {
            var type = contentType.Split(';', 2)[0].Trim();
            return type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);
        }
        // No label: the first non-blank byte of an HTML document is '<' (after a byte order mark).
        var span = body.AsSpan();
        if (span is [0xEF, 0xBB, 0xBF, ..])
        {
            span = span[3..];
        }
        span = span.TrimStart(" \t\r\n"u8);
        return span.Length > 0 && span[0] == (byte)'<';
    }
}
