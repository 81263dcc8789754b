namespace NewsBot.Feeds.Parsing;

/// <summary>
/// An item body as the feed carried it, made into HTML with absolute links on first read: resolving a few links per
/// paragraph costs more than reading the whole document, and most items of a poll are never read.
/// </summary>
internal sealed class LazyHtml(RawText raw, bool plainText, Uri? baseUri)
{
    private string? _html;

    public string Html => _html ??= HtmlText.AbsolutizeLinks(Mojibake.Repair(plainText ? EscapePlain(raw.ToString()) : raw.ToString())!, baseUri);

    /// <summary>Plain text as HTML: escaped, its line breaks kept as line breaks.</summary>
    public static string EscapePlain(string text)
    {
        string escaped = System.Net.WebUtility.HtmlEncode(text);
        return text.Contains('\n', StringComparison.Ordinal) ? escaped.Replace("\n", "<br>\n", StringComparison.Ordinal) : escaped;
    }
}
