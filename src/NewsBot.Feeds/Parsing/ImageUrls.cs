namespace NewsBot.Feeds.Parsing;

/// <summary>Which image URLs are worth showing, and the original behind an image proxy.</summary>
internal static class ImageUrls
{
    private static readonly string[] TrackerMarks =
    [
        "feeds.feedburner.com/~", "/~r/", "/~ff/", "feedsportal.com", "doubleclick.net", "stats.wordpress.com",
        "pixel.wp.com", "/pixel", "pixel.", "tracking", "tracker", "beacon", "spacer.gif", "blank.gif", "clear.gif",
        "1x1", "s.w.org/images/core/emoji", "gravatar.com/avatar", "facebook.com/tr", "addtoany", "sharethis",
        "/share-", "badge", "analytics", "counter", "feeds.wordpress.com/1.0/", "ad.doubleclick", "/ads/",
    ];

    public static bool IsTracker(string url, string? width, string? height)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return true;
        if (Tiny(width) || Tiny(height))
            return true;
        foreach (var mark in TrackerMarks)
        {
            if (url.Contains(mark, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static bool Tiny(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
            return false;
        var s = size.AsSpan().Trim();
        if (s.EndsWith("px", StringComparison.OrdinalIgnoreCase))
            s = s[..^2];
        return int.TryParse(s, out int n) && n <= 2;
    }

    public static bool HasImageExtension(string url)
    {
        var path = url.AsSpan();
        int q = path.IndexOfAny('?', '#');
        if (q >= 0)
            path = path[..q];
        return path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".webp", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".avif", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// images.weserv.nl/wsrv.nl (?url=host/path), Next.js /_next/image?url=, and Jetpack's i0.wp.com/host/path all carry
    /// the original URL; anything else is returned as it is.
    /// </summary>
    public static string Unwrap(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return url;
        string host = uri.Host.ToLowerInvariant();
        if (host is "images.weserv.nl" or "wsrv.nl" or "images.wsrv.nl" || uri.AbsolutePath.EndsWith("/_next/image", StringComparison.Ordinal))
        {
            string? inner = QueryValue(uri.Query, "url");
            if (string.IsNullOrWhiteSpace(inner))
                return url;
            inner = inner.Trim();
            if (inner.StartsWith("ssl:", StringComparison.OrdinalIgnoreCase))
                inner = "https://" + inner[4..];
            else if (inner.StartsWith("//", StringComparison.Ordinal))
                inner = "https:" + inner;
            else if (inner.StartsWith('/'))
                inner = uri.GetLeftPart(UriPartial.Authority) + inner;
            else if (!FeedUrls.LooksAbsolute(inner))
                inner = "https://" + inner;
            return Uri.TryCreate(inner, UriKind.Absolute, out var orig) && orig.Scheme is "http" or "https" ? orig.AbsoluteUri : url;
        }
        if (host.Length == 9 && host.StartsWith('i') && host.EndsWith(".wp.com", StringComparison.Ordinal) && char.IsAsciiDigit(host[1]))
        {
            // i0.wp.com/example.com/path.jpg?resize=… → the query is Photon's, not the origin's
            string rest = uri.AbsolutePath.TrimStart('/');
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && rest[..slash].Contains('.', StringComparison.Ordinal))
                return "https://" + rest;
        }
        return url;
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part.AsSpan(0, eq).Equals(name, StringComparison.OrdinalIgnoreCase))
                return Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
        }
        return null;
    }
}
