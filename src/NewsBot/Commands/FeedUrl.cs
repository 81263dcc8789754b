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
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            error = $"'{Shorten(input!)}' is not a URL";
            return false;
        }
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"only http and https feeds are supported, not {parsed.Scheme}:";
            return false;
        }
        url = parsed;
        error = "";
        return true;
    }

    private static string Shorten(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
