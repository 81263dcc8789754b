namespace NewsBot.Commands;

/// <summary>Checks a URL a person pasted before anything fetches it.</summary>
public static class FeedUrl
{
    public static bool TryParse(string? input, out Uri url, out string error)
    {
        url = null!;
        var text = (input ?? "").Trim();
        // Chat clients wrap links in <…> (Discord) or add trailing punctuation.
        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            text = text[1..^1];
        }
        if (text.Length == 0)
        {
            error = "give a feed URL, e.g. https://example.com/feed.xml";
            return false;
        }
        if (text.Length > 2048)
        {
            error = "that URL is longer than 2048 characters";
            return false;
        }
        var scheme = SchemeOf(text);
        if (scheme is null)
        {
            text = "https://" + text;
        }
        else if (scheme is not ("http" or "https"))
        {
            error = $"only http and https feeds are supported, not {scheme}:";
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            error = $"'{Shorten(input!)}' is not a URL";
            return false;
        }
        // One spelling per feed: internationalized host names are stored in their ASCII (punycode) form.
        url = parsed.Host == parsed.IdnHost ? parsed : new UriBuilder(parsed) { Host = parsed.IdnHost }.Uri;
        error = "";
        return true;
    }

    /// <summary>The scheme the text starts with, or null for "example.com/feed" and "example.com:8080/feed".</summary>
    private static string? SchemeOf(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return null;
        }
        var candidate = text[..colon];
        if (!candidate.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            return null;
        }
        var after = text[(colon + 1)..];
        var port = after.TakeWhile(char.IsAsciiDigit).Count();
        // "host:8080/path" is a host with a port, not a scheme.
        if (port > 0 && (port == after.Length || after[port] == '/'))
        {
            return null;
        }
        return candidate.ToLowerInvariant();
    }

    private static string Shorten(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
