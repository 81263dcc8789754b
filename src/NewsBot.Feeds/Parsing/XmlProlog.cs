namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Refuses DTDs that declare dangerous entities before any parser sees them: entity expansion ("billion laughs") and
/// external entities (file:///etc/passwd) are attacks. A plain DOCTYPE (RSS 0.91's) is fine, and so is an internal
/// subset of plain short texts (&lt;!ENTITY site "Example News"&gt;), which is expanded here.
/// </summary>
internal static partial class XmlProlog
{
    /// <summary>At most this many entities, each at most this long: a glossary, not an amplifier.</summary>
    private const int MaxEntities = 64, MaxEntityLength = 512;

    [System.Text.RegularExpressions.GeneratedRegex("""\G\s*(?:<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>|<!--.*?-->)""", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex PlainEntity();

    /// <returns>The document, with plain internal entities expanded and their DTD removed when it had any.</returns>
    /// <exception cref="FeedParseException">The DTD declares an external entity or one that refers to others.</exception>
    public static string Check(string xml)
    {
        int p = 0;
        while (p < xml.Length)
        {
            int lt = xml.IndexOf('<', p);
            if (lt < 0 || lt + 1 >= xml.Length)
                return xml;
            char c = xml[lt + 1];
            if (c == '?')
            {
                int end = xml.IndexOf("?>", lt, StringComparison.Ordinal);
                if (end < 0)
                    return xml;
                p = end + 2;
            }
            else if (string.CompareOrdinal(xml, lt, "<!--", 0, 4) == 0)
            {
                int end = xml.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                if (end < 0)
                    return xml;
                p = end + 3;
            }
            else if (string.Compare(xml, lt, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0)
            {
                int bracket = xml.IndexOf('[', lt);
                int gt = xml.IndexOf('>', lt);
                if (bracket < 0 || (gt >= 0 && gt < bracket))
                    return xml; // no internal subset
                int close = xml.IndexOf("]>", bracket, StringComparison.Ordinal);
                var subset = xml.AsSpan(bracket, (close < 0 ? xml.Length : close) - bracket);
                if (close > 0 && Plain(xml, bracket + 1, close) is { } entities)
                    return Expand(xml, lt, close + 2, entities);
                if (subset.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
                {
                    bool external = subset.Contains("SYSTEM", StringComparison.Ordinal) || subset.Contains("PUBLIC", StringComparison.Ordinal);
                    throw new FeedParseException(external
                        ? "refused: the document declares an external entity in its DTD (XXE); feeds never need one"
                        : "refused: the document declares entities in its DTD (entity-expansion attack); feeds never need them");
                }
                return xml;
            }
            else
            {
                return xml; // the root element: the prolog is over
            }
        }
        return xml;
    }

    /// <summary>The subset's entities when it holds nothing but plain short texts (and comments); else null.</summary>
    private static Dictionary<string, string>? Plain(string xml, int start, int end)
    {
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        var subset = xml[start..end];
        int p = 0;
        foreach (System.Text.RegularExpressions.Match m in PlainEntity().Matches(subset))
        {
            if (m.Index != p)
                return null;
            p = m.Index + m.Length;
            if (!m.Groups[1].Success)
                continue;
            string value = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            if (value.Length > MaxEntityLength || entities.Count >= MaxEntities)
                return null;
            entities.TryAdd(m.Groups[1].Value, value);
        }
        return entities.Count > 0 && subset.AsSpan(p).IsWhiteSpace() ? entities : null;
    }

    /// <summary>The document without its DTD, each reference to a declared entity replaced by the text, escaped.</summary>
    private static string Expand(string xml, int doctypeStart, int doctypeEnd, Dictionary<string, string> entities)
    {
        var sb = new System.Text.StringBuilder(xml.Length);
        sb.Append(xml, 0, doctypeStart);
        for (int p = doctypeEnd; p < xml.Length;)
        {
            int amp = xml.IndexOf('&', p);
            if (amp < 0)
            {
                sb.Append(xml, p, xml.Length - p);
                break;
            }
            sb.Append(xml, p, amp - p);
            int semi = xml.IndexOf(';', amp);
            if (semi > amp + 1 && semi - amp <= 64 && entities.TryGetValue(xml.Substring(amp + 1, semi - amp - 1), out string? value))
            {
                sb.Append(System.Security.SecurityElement.Escape(value));
                p = semi + 1;
            }
            else
            {
                sb.Append('&');
                p = amp + 1;
            }
        }
        return sb.ToString();
    }
}
