namespace NewsBot.Feeds.Parsing;

/// <summary>Resolves the relative links feeds are full of against xml:base and the document URL.</summary>
internal static class FeedUrls
{
    /// <summary>True for "scheme:..." strings. Uri.TryCreate alone is not enough: on Unix it takes "/path" for a file URI.</summary>
    public static bool LooksAbsolute(string s)
    {
        if (s.Length < 2 || !char.IsAsciiLetter(s[0]))
            return false;
        for (int i = 1; i < s.Length; i++)
        {
            char c = s[i];
            if (c == ':')
                return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
                return false;
        }
        return false;
    }

    public static string? Resolve(string? raw, Uri? baseUri)
    {
        if (raw is null)
            return null;
        string s = raw.Trim();
        if (s.Length == 0)
            return null;
        if (LooksAbsolute(s) || baseUri is null)
            return s;
        if (BesideBase(s, baseUri) is { } beside)
            return beside;
        return Uri.TryCreate(baseUri, s, out var abs) ? abs.AbsoluteUri : s;
    }

    /// <summary>
    /// The usual relative link ("posts/12", "2024/11/story.html") against an http(s) base without query or fragment:
    /// the base's directory and the path, which is what Uri makes of it, without building a Uri per link. Null for
    /// anything else (a leading '/', '.', '?' or '#', dot segments, characters Uri would escape), left to Uri.
    /// </summary>
    internal static string? BesideBase(string relative, Uri baseUri)
    {
        if (!baseUri.IsAbsoluteUri || baseUri.Scheme is not ("http" or "https") || !char.IsAsciiLetterOrDigit(relative[0])
            || relative.AsSpan().IndexOfAnyExcept(PlainPath) >= 0 || relative.Contains("/.", StringComparison.Ordinal))
            return null;
        string b = baseUri.AbsoluteUri;
        if (b.AsSpan().IndexOfAny('?', '#') >= 0)
            return null;
        int slash = b.LastIndexOf('/');
        int authority = b.IndexOf("//", StringComparison.Ordinal) + 2;
        // "https://host" has no path yet: its directory is "/".
        return slash < authority ? string.Concat(b, "/", relative) : string.Concat(b.AsSpan(0, slash + 1), relative);
    }

    private static readonly System.Buffers.SearchValues<char> PlainPath =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/");

    public static Uri? ResolveBase(string? raw, Uri? parent)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return parent;
        string s = raw.Trim();
        if (LooksAbsolute(s))
            return Uri.TryCreate(s, UriKind.Absolute, out var abs) ? abs : parent;
        if (parent is not null && Uri.TryCreate(parent, s, out var rel))
            return rel;
        return parent;
    }
}
