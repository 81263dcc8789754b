using System.Net;
using System.Text;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Rewrites a broken feed into well-formed XML before the second parse: HTML entities and stray '&amp;' become
/// references XML knows, stray '&lt;' is escaped, control characters go, end tags are matched case-insensitively and
/// unclosed elements (naked HTML like &lt;br&gt;) are closed. Runs only after the strict parse failed.
/// </summary>
internal static class XmlRepair
{
    public static string Repair(string s)
    {
        var sb = new StringBuilder(s.Length + 256);
        var open = new List<string>();
        var starts = new List<int>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '<')
            {
                i = Markup(s, i, sb, open, starts);
                continue;
            }
            if (c == '&')
            {
                i = Reference(s, i, sb);
                continue;
            }
            if (c == '>')
                sb.Append("&gt;");
            else if (!IsXmlChar(c))
            {
                // dropped: XML 1.0 forbids it and it never carries meaning in a feed
            }
            else
                sb.Append(c);
            i++;
        }
        // A truncated document: an item cut off mid-way is dropped rather than kept half-read.
        int cut = open.FindIndex(n => n.Equals("item", StringComparison.OrdinalIgnoreCase) || n.Equals("entry", StringComparison.OrdinalIgnoreCase));
        if (cut >= 0)
        {
            sb.Length = starts[cut];
            open.RemoveRange(cut, open.Count - cut);
        }
        for (int k = open.Count - 1; k >= 0; k--)
            sb.Append("</").Append(open[k]).Append('>');
        return sb.ToString();
    }

    private static bool IsXmlChar(char c) => c >= 0x20 ? c is not ('\uFFFE' or '\uFFFF') : c is '\t' or '\n' or '\r';

    private static int Markup(string s, int i, StringBuilder sb, List<string> open, List<int> starts)
    {
        if (Starts(s, i, "<![CDATA["))
        {
            int end = s.IndexOf("]]>", i + 9, StringComparison.Ordinal);
            end = end < 0 ? s.Length : end + 3;
            foreach (char ch in s.AsSpan(i, end - i))
            {
                if (IsXmlChar(ch))
                    sb.Append(ch);
            }
            if (end == s.Length && !s.EndsWith("]]>", StringComparison.Ordinal))
                sb.Append("]]>");
            return end;
        }
        if (Starts(s, i, "<!--"))
        {
            int end = s.IndexOf("-->", i + 4, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + 3; // comments carry nothing we keep
        }
        if (Starts(s, i, "<!") || Starts(s, i, "<?"))
        {
            int end = s.IndexOf('>', i);
            end = end < 0 ? s.Length : end + 1;
            if (Starts(s, i, "<?xml ") && sb.Length == 0)
                sb.Append(s, i, end - i);
            return end; // DOCTYPE and other processing instructions are dropped
        }
        bool closing = i + 1 < s.Length && s[i + 1] == '/';
        int nameStart = i + (closing ? 2 : 1);
        int p = nameStart;
        while (p < s.Length && IsNameChar(s[p]))
            p++;
        if (p == nameStart || !IsNameStart(s[nameStart]))
        {
            sb.Append("&lt;");
            return i + 1;
        }
        string name = s[nameStart..p];
        int close = TagEnd(s, p);
        if (close < 0)
        {
            // A tag cut off by truncation: drop it and stop.
            return s.Length;
        }
        if (closing)
        {
            int match = open.FindLastIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match < 0)
                return close + 1; // an end tag nobody opened
            for (int k = open.Count - 1; k >= match; k--)
                sb.Append("</").Append(open[k]).Append('>');
            open.RemoveRange(match, open.Count - match);
            starts.RemoveRange(match, starts.Count - match);
            return close + 1;
        }
        bool selfClosing = s[close - 1] == '/';
        int tagStart = sb.Length;
        sb.Append('<').Append(name);
        Attributes(s, p, selfClosing ? close - 1 : close, sb);
        if (selfClosing)
        {
            sb.Append("/>");
        }
        else if (IsHtmlVoid(name))
        {
            // <br>, <img>: HTML void elements inside unescaped descriptions never get an end tag.
            sb.Append("/>");
        }
        else
        {
            sb.Append('>');
            open.Add(name);
            starts.Add(tagStart);
        }
        return close + 1;
    }

    private static int TagEnd(string s, int p)
    {
        char quote = '\0';
        for (; p < s.Length; p++)
        {
            char ch = s[p];
            if (quote != '\0')
            {
                if (ch == quote)
                    quote = '\0';
            }
            else if (ch is '"' or '\'')
                quote = ch;
            else if (ch == '>')
                return p;
            else if (ch == '<')
                return -1;
        }
        return -1;
    }

    /// <summary>Re-emits attributes quoted and deduplicated; unquoted or valueless HTML attributes get quotes.</summary>
    private static void Attributes(string s, int p, int end, StringBuilder sb)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (p < end)
        {
            while (p < end && char.IsWhiteSpace(s[p]))
                p++;
            int ns = p;
            while (p < end && !char.IsWhiteSpace(s[p]) && s[p] is not ('=' or '/' or '"' or '\''))
                p++;
            if (p == ns)
            {
                p++;
                continue;
            }
            string name = s[ns..p];
            while (p < end && char.IsWhiteSpace(s[p]))
                p++;
            string value = "";
            if (p < end && s[p] == '=')
            {
                p++;
                while (p < end && char.IsWhiteSpace(s[p]))
                    p++;
                if (p < end && s[p] is '"' or '\'')
                {
                    char q = s[p];
                    int ve = s.IndexOf(q, p + 1);
                    if (ve < 0 || ve > end)
                        ve = end;
                    value = s[(p + 1)..ve];
                    p = ve + 1;
                }
                else
                {
                    int vs = p;
                    while (p < end && !char.IsWhiteSpace(s[p]))
                        p++;
                    value = s[vs..p];
                }
            }
            if (!IsNameStart(name[0]) || !seen.Add(name))
                continue;
            sb.Append(' ').Append(name).Append("=\"");
            AttributeValue(value, sb);
            sb.Append('"');
        }
    }

    private static void AttributeValue(string v, StringBuilder sb)
    {
        for (int i = 0; i < v.Length;)
        {
            char c = v[i];
            if (c == '&')
            {
                i = Reference(v, i, sb);
                continue;
            }
            if (c == '<')
                sb.Append("&lt;");
            else if (c == '"')
                sb.Append("&quot;");
            else if (IsXmlChar(c))
                sb.Append(c);
            i++;
        }
    }

    /// <summary>Keeps a valid reference, turns an HTML named entity into a numeric one, escapes anything else.</summary>
    private static int Reference(string s, int i, StringBuilder sb)
    {
        int p = i + 1;
        if (p < s.Length && s[p] == '#')
        {
            int q = p + 1;
            bool hex = q < s.Length && s[q] is 'x' or 'X';
            if (hex)
                q++;
            int ds = q;
            while (q < s.Length && (hex ? char.IsAsciiHexDigit(s[q]) : char.IsAsciiDigit(s[q])))
                q++;
            if (q > ds && q - ds <= 8 && q < s.Length && s[q] == ';')
            {
                int code = int.Parse(s.AsSpan(ds, q - ds), hex ? System.Globalization.NumberStyles.HexNumber : System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
                if (code is 9 or 10 or 13 or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF))
                {
                    sb.Append(s, i, q + 1 - i);
                }
                else if (code is >= 0x80 and <= 0x9F)
                {
                    // Windows-1252 code points written as numeric references, a classic of old feeds.
                    sb.Append("&#").Append((int)Windows1252(code)).Append(';');
                }
                return q + 1;
            }
            sb.Append("&amp;");
            return i + 1;
        }
        int n = p;
        while (n < s.Length && n - p < 32 && char.IsAsciiLetterOrDigit(s[n]))
            n++;
        if (n > p && n < s.Length && s[n] == ';')
        {
            var name = s.AsSpan(p, n - p);
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                sb.Append(s, i, n + 1 - i);
                return n + 1;
            }
            string decoded = WebUtility.HtmlDecode(s.Substring(i, n + 1 - i));
            if (decoded[0] != '&')
            {
                foreach (var rune in decoded.EnumerateRunes())
                    sb.Append("&#").Append(rune.Value).Append(';');
                return n + 1;
            }
        }
        sb.Append("&amp;");
        return i + 1;
    }

    private static char Windows1252(int code)
    {
        Span<byte> b = [(byte)code];
        Span<char> c = stackalloc char[1];
        return System.Text.Encoding.GetEncoding(1252).GetChars(b, c) == 1 ? c[0] : '\uFFFD';
    }

    private static bool IsHtmlVoid(string name) => name.ToLowerInvariant() is "br" or "img" or "hr" or "meta" or "input" or "wbr" or "source" or "embed" or "col" or "area" or "param" or "track";

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':' or '-' or '.';

    private static bool Starts(string s, int i, string prefix) => string.CompareOrdinal(s, i, prefix, 0, prefix.Length) == 0;
}
