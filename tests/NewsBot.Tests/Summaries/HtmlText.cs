using System.Net;
using System.Text.RegularExpressions;

namespace NewsBot.Tests.Summaries;

/// <summary>
/// A deliberately simple HTML-to-text for these tests (block ends become newlines), standing in
/// for the feed parser so that the summarizer is tested on its own.
/// </summary>
internal static partial class HtmlText
{
    public static string ToText(string html)
    {
        var text = BlockEnd().Replace(html, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text);
        return string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    [GeneratedRegex(@"<br\s*/?>|</(p|div|h\d|li|figure|figcaption|blockquote)>|<(p|div|figure|figcaption)(\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
