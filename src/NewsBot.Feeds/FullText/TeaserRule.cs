namespace NewsBot.Feeds.FullText;

/// <summary>
/// Whether a feed item's text is only a teaser of its article: short, or cut off with an ellipsis, or ending in the
/// site's "read more" link. Those items are summarized from their page in the <see cref="FullTextMode.Auto"/> mode.
/// </summary>
public static class TeaserRule
{
    /// <summary>
    /// The last line of a teaser, as sites write it (compared folded, without surrounding brackets, arrows and
    /// punctuation). A longer last line that merely mentions reading on ("Read more: how to pack a go-bag") is a link to
    /// another story, not a cut.
    /// </summary>
    private static readonly HashSet<string> Markers = new(StringComparer.Ordinal)
    {
        "read more", "read more here", "more", "continue reading", "keep reading", "read the full story", "read the full article",
        "full story", "read full story", "read full article", "click here to read more", "view full article",
        "阅读全文", "阅读更多", "查看全文", "全文", "更多", "详情", "点击查看", "继续阅读", "閱讀全文", "閱讀更多", "繼續閱讀", "詳情", "查看更多",
        "weiterlesen", "lire la suite", "leer más", "leggi tutto", "続きを読む",
    };

    public static bool IsTeaser(string? text, int minChars)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < minChars)
        {
            return true;
        }
        if (trimmed.EndsWith("…", StringComparison.Ordinal) || trimmed.EndsWith("...", StringComparison.Ordinal)
            || trimmed.EndsWith("[…]", StringComparison.Ordinal) || trimmed.EndsWith("[...]", StringComparison.Ordinal))
        {
            return true;
        }
        var lastBreak = trimmed.LastIndexOf('\n');
        var lastLine = lastBreak < 0 ? trimmed : trimmed[(lastBreak + 1)..];
        return lastLine.Length <= 40 && Markers.Contains(Fold(lastLine));
    }

    private static string Fold(ReadOnlySpan<char> line)
    {
        var kept = new System.Text.StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c))
            {
                kept.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) && kept.Length > 0 && kept[^1] != ' ')
            {
                kept.Append(' ');
            }
        }
        return kept.ToString().Trim();
    }
}
