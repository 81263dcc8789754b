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
        return Uri.TryCreate(baseUri, s, out var abs) ? abs.AbsoluteUri : s;
    }

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
