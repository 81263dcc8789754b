namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Refuses DTDs that declare entities before any parser sees them: entity expansion ("billion laughs") and external
/// entities (file:///etc/passwd) are attacks, and no real feed needs them. A plain DOCTYPE (RSS 0.91's) is fine.
/// </summary>
internal static class XmlProlog
{
    public static void Check(string xml)
    {
        int p = 0;
        while (p < xml.Length)
        {
            int lt = xml.IndexOf('<', p);
            if (lt < 0 || lt + 1 >= xml.Length)
                return;
            char c = xml[lt + 1];
            if (c == '?')
            {
                int end = xml.IndexOf("?>", lt, StringComparison.Ordinal);
                if (end < 0)
                    return;
                p = end + 2;
            }
            else if (string.CompareOrdinal(xml, lt, "<!--", 0, 4) == 0)
            {
                int end = xml.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                if (end < 0)
                    return;
                p = end + 3;
            }
            else if (string.Compare(xml, lt, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0)
            {
                int bracket = xml.IndexOf('[', lt);
                int gt = xml.IndexOf('>', lt);
                if (bracket < 0 || (gt >= 0 && gt < bracket))
                    return; // no internal subset
                int close = xml.IndexOf("]>", bracket, StringComparison.Ordinal);
                var subset = xml.AsSpan(bracket, (close < 0 ? xml.Length : close) - bracket);
                if (subset.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
                {
                    bool external = subset.Contains("SYSTEM", StringComparison.Ordinal) || subset.Contains("PUBLIC", StringComparison.Ordinal);
                    throw new FeedParseException(external
                        ? "refused: the document declares an external entity in its DTD (XXE); feeds never need one"
                        : "refused: the document declares entities in its DTD (entity-expansion attack); feeds never need them");
                }
                return;
            }
            else
            {
                return; // the root element: the prolog is over
            }
        }
    }
}
