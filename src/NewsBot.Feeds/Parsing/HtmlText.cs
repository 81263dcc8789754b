using System.Buffers;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// A single hand-written pass over feed HTML: readable text (paragraphs on their own lines, captions and photo
/// credits dropped) and the first meaningful image. Feed bodies are fragments, so no DOM is built.
/// </summary>
internal static partial class HtmlText
{
    /// <summary>Images holds the body's meaningful images in order (at most <see cref="MaxImages"/>); Image is the first.</summary>
    public readonly record struct Body(string Text, string? Image, IReadOnlyList<string> Images);

    /// <summary>An album on Telegram holds ten; nobody posts more of one article.</summary>
    public const int MaxImages = 10;

    public static Body Extract(string? html, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(html))
            return new Body("", null, []);
        var w = new Walker(html, block: true, baseUri);
        w.Run();
        return new Body(Clean(w.Lines), w.Images.Count > 0 ? w.Images[0] : null, w.Images);
    }

    /// <summary>Plain one-line text of an HTML-ish title or description.</summary>
    public static string Inline(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return "";
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
            return CollapseWhitespace(html);
        var w = new Walker(html, block: false, null);
        w.Run();
        return CollapseWhitespace(string.Join(' ', w.Lines));
    }

    /// <summary>Every character char.IsWhiteSpace or char.IsControl calls so, except the plain space.</summary>
    private static readonly SearchValues<char> SpaceOrControlButBlank = SearchValues.Create(
        Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => c != ' ' && (char.IsWhiteSpace(c) || char.IsControl(c))).ToArray());

    public static string CollapseWhitespace(string s)
    {
        var span = s.AsSpan().Trim();
        // Clean already (the usual title or category): no white space but single spaces, no control characters.
        bool clean = span.IndexOfAny(SpaceOrControlButBlank) < 0 && !span.Contains("  ", StringComparison.Ordinal);
        if (clean)
            return span.Length == s.Length ? s : span.ToString();
        var sb = new StringBuilder(span.Length);
        bool space = false;
        foreach (char c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (char.IsControl(c))
                continue;
            if (space && sb.Length > 0)
                sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static readonly SearchValues<string> LinkAttributes = SearchValues.Create(["href", "src"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Rewrites relative href/src attributes against the base, as readers of the raw HTML expect.</summary>
    /// <returns>The same string instance when nothing was relative.</returns>
    public static string AbsolutizeLinks(string html, Uri? baseUri)
    {
        if (baseUri is null)
            return html;
        StringBuilder? sb = null;
        int copied = 0;
        int p = 0;
        while (p < html.Length)
        {
            int hit = html.AsSpan(p).IndexOfAny(LinkAttributes);
            if (hit < 0)
                break;
            int at = p + hit;
            int nameLength = char.ToLowerInvariant(html[at]) == 'h' ? 4 : 3;
            p = at + nameLength;
            if (at == 0 || !char.IsWhiteSpace(html[at - 1]))
                continue;
            int q = p;
            while (q < html.Length && char.IsWhiteSpace(html[q]))
                q++;
            if (q >= html.Length || html[q] != '=')
                continue;
            q++;
            while (q < html.Length && char.IsWhiteSpace(html[q]))
                q++;
            if (q >= html.Length || html[q] is not ('"' or '\''))
                continue;
            char quote = html[q];
            int valueStart = q + 1;
            int valueEnd = html.IndexOf(quote, valueStart);
            if (valueEnd < 0)
                break;
            p = valueEnd + 1;
            var raw = html.AsSpan(valueStart, valueEnd - valueStart).Trim();
            if (raw.IsEmpty || raw[0] == '#' || FeedUrls.LooksAbsolute(raw.ToString()))
                continue;
            string? abs = FeedUrls.Resolve(WebUtility.HtmlDecode(raw.ToString()), baseUri);
            if (abs is null)
                continue;
            sb ??= new StringBuilder(html.Length + 64);
            sb.Append(html, copied, valueStart - copied).Append(WebUtility.HtmlEncode(abs));
            copied = valueEnd;
        }
        if (sb is null)
            return html;
        sb.Append(html, copied, html.Length - copied);
        return sb.ToString();
    }

    // ------------------------------------------------------------ cleaning

    [GeneratedRegex(@"^(?:资料照片|資料照片|资料图片|資料圖片|图片来源|圖片來源|图片|圖片|照片|图|圖|摄影|攝影|视频截图|(?:file |AP |Reuters )?photo(?:graph)?(?: by| credit)?|image(?: credit| source| by)?|picture|pictured|credit|caption|illustration|foto)\s*[:：]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaptionLine();

    [GeneratedRegex(@"^\(?(?:AP|AFP|Reuters|EPA|Getty)\s*(?:Photo|Images)?\s*/[^)]{0,80}\)?$|(?:/|via |\b)(?:Getty Images|AFP|Shutterstock|AP Photo|Reuters|EPA-EFE)\)?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex CreditLine();

    [GeneratedRegex(@"^(?:\p{Lu}[\p{Lu}\s.,'’-]{1,40}?(?:\s*\([^)]{1,30}\))?\s*[—–]|\p{Lu}[\p{Lu}\s.,'’]{1,40}?(?:\s*\([^)]{1,30}\))?\s+-|[\p{IsCJKUnifiedIdeographs}·]{1,12}(?:\s*\([^)]{1,30}\))?\s*[—–])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();

    private static string Clean(List<string> lines)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var raw in lines)
        {
            string line = raw;
            if (CaptionLine().IsMatch(line) || (line.Length < 120 && CreditLine().IsMatch(line)))
                continue;
            if (first)
            {
                var m = Dateline().Match(line);
                if (m.Success)
                {
                    line = line[m.Length..];
                    if (line.Length == 0)
                        continue;
                }
            }
            first = false;
            if (sb.Length > 0)
                sb.Append('\n');
            sb.Append(line);
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------ the pass

    private sealed class Walker(string html, bool block, Uri? baseUri)
    {
        // Sized for a line up front: growing chunk by chunk from 16 characters cost more than the walk of a short title.
        private readonly StringBuilder _line = new(Math.Min(html.Length, 256));
        private bool _pendingSpace;
        private bool _afterImage;
        private string? _skipUntil;
        private int _skipNesting;

        public List<string> Lines { get; } = [];
        public List<string> Images { get; } = [];

        public void Run()
        {
            string s = html;
            int i = 0;
            while (i < s.Length)
            {
                int lt = s.IndexOf('<', i);
                int textEnd = lt < 0 ? s.Length : lt;
                if (textEnd > i)
                    Text(s.AsSpan(i, textEnd - i));
                if (lt < 0)
                    break;
                i = Tag(s, lt);
            }
            Break();
        }

        private int Tag(string s, int lt)
        {
            int p = lt + 1;
            if (p >= s.Length)
            {
                Text("<");
                return p;
            }
            char c = s[p];
            if (c == '!')
            {
                if (string.CompareOrdinal(s, p, "!--", 0, 3) == 0)
                {
                    int end = s.IndexOf("-->", p + 3, StringComparison.Ordinal);
                    return end < 0 ? s.Length : end + 3;
                }
                if (string.CompareOrdinal(s, p, "![CDATA[", 0, 8) == 0)
                {
                    int end = s.IndexOf("]]>", p + 8, StringComparison.Ordinal);
                    int stop = end < 0 ? s.Length : end;
                    Text(s.AsSpan(p + 8, stop - p - 8), decode: false);
                    return end < 0 ? s.Length : end + 3;
                }
                int gt = s.IndexOf('>', p);
                return gt < 0 ? s.Length : gt + 1;
            }
            if (c == '?')
            {
                int gt = s.IndexOf('>', p);
                return gt < 0 ? s.Length : gt + 1;
            }
            bool closing = c == '/';
            int ns = closing ? p + 1 : p;
            if (ns >= s.Length || !char.IsAsciiLetter(s[ns]))
            {
                // "<3", "a < b": not a tag in HTML either
                Text("<");
                return lt + 1;
            }
            int ne = ns;
            while (ne < s.Length && (char.IsAsciiLetterOrDigit(s[ne]) || s[ne] is '-' or ':' or '_'))
                ne++;
            int close = TagEnd(s, ne);
            if (close < 0)
                return s.Length; // an unterminated tag at the end is dropped, as browsers do
            var name = s.AsSpan(ns, ne - ns);
            int colon = name.IndexOf(':');
            if (colon >= 0)
                name = name[(colon + 1)..];
            var attrs = s.AsSpan(ne, close - ne);
            if (closing)
                EndTag(name);
            else
                StartTag(name, attrs, selfClosing: close > ne && s[close - 1] == '/');
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
                {
                    if (p > 0 && s[p - 1] is '=' or ' ' or '\t' or '\n')
                        quote = ch;
                }
                else if (ch == '>')
                    return p;
            }
            return -1;
        }

        private void StartTag(ReadOnlySpan<char> name, ReadOnlySpan<char> attrs, bool selfClosing)
        {
            if (_skipUntil is not null)
            {
                if (name.Equals(_skipUntil, StringComparison.OrdinalIgnoreCase) && !selfClosing)
                    _skipNesting++;
                return;
            }
            string? skip = SkippedElement(name);
            if (skip is null && block)
            {
                if (_afterImage && name.Equals("small", StringComparison.OrdinalIgnoreCase))
                    skip = "small";
                else if (!attrs.IsEmpty && (ClassNames(attrs) is { } cls) && IsCaptionClass(cls))
                    skip = LowerName(name);
            }
            if (skip is not null)
            {
                if (!selfClosing && !IsVoid(name))
                {
                    _skipUntil = skip;
                    _skipNesting = 1;
                }
                return;
            }
            if (name.Equals("img", StringComparison.OrdinalIgnoreCase))
            {
                if (block)
                {
                    _afterImage = true;
                    if (Images.Count < MaxImages)
                        ConsiderImage(attrs);
                }
                return;
            }
            if (name.Equals("br", StringComparison.OrdinalIgnoreCase) || IsBlock(name))
                Break();
        }

        private void EndTag(ReadOnlySpan<char> name)
        {
            if (_skipUntil is not null)
            {
                if (name.Equals(_skipUntil, StringComparison.OrdinalIgnoreCase) && --_skipNesting == 0)
                    _skipUntil = null;
                return;
            }
            if (IsBlock(name) || name.Equals("br", StringComparison.OrdinalIgnoreCase))
                Break();
        }

        private void ConsiderImage(ReadOnlySpan<char> attrs)
        {
            string? src = Attribute(attrs, "src");
            if (string.IsNullOrWhiteSpace(src) || src.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                src = Attribute(attrs, "data-src") ?? Attribute(attrs, "data-original") ?? src;
            if (string.IsNullOrWhiteSpace(src))
                return;
            src = WebUtility.HtmlDecode(src).Trim();
            if (ImageUrls.IsTracker(src, Attribute(attrs, "width"), Attribute(attrs, "height")))
                return;
            if (FeedUrls.Resolve(src, baseUri) is { } url && !Images.Contains(url))
                Images.Add(url);
        }

        private void Text(ReadOnlySpan<char> text, bool decode = true)
        {
            if (_skipUntil is not null)
                return;
            string? decoded = null;
            if (decode && text.Contains('&'))
                decoded = WebUtility.HtmlDecode(text.ToString());
            var t = decoded is null ? text : decoded.AsSpan();
            foreach (char ch in t)
            {
                if (char.IsWhiteSpace(ch))
                {
                    _pendingSpace = _line.Length > 0;
                    continue;
                }
                if (char.IsControl(ch))
                    continue;
                if (_pendingSpace)
                {
                    _line.Append(' ');
                    _pendingSpace = false;
                }
                _line.Append(ch);
                _afterImage = false;
            }
        }

        private void Break()
        {
            if (_line.Length > 0)
                Lines.Add(_line.ToString());
            _line.Clear();
            _pendingSpace = false;
        }

        private static string? SkippedElement(ReadOnlySpan<char> name)
        {
            foreach (var s in Skipped)
            {
                if (name.Equals(s, StringComparison.OrdinalIgnoreCase))
                    return s;
            }
            return null;
        }

        private static readonly string[] Skipped = ["script", "style", "noscript", "template", "head", "title", "svg", "figcaption", "select", "textarea", "iframe", "object", "button"];

        private static readonly string[] Blocks =
        [
            "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
            "section", "article", "header", "footer", "aside", "figure", "hr", "dl", "dt", "dd", "address", "nav", "main",
            "tbody", "thead", "caption", "details", "summary",
        ];

        private static bool IsBlock(ReadOnlySpan<char> name)
        {
            foreach (var b in Blocks)
            {
                if (name.Equals(b, StringComparison.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }

        private static bool IsVoid(ReadOnlySpan<char> name) =>
            name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("br", StringComparison.OrdinalIgnoreCase)
            || name.Equals("hr", StringComparison.OrdinalIgnoreCase) || name.Equals("meta", StringComparison.OrdinalIgnoreCase)
            || name.Equals("input", StringComparison.OrdinalIgnoreCase) || name.Equals("source", StringComparison.OrdinalIgnoreCase);

        private static string LowerName(ReadOnlySpan<char> name) => name.ToString().ToLowerInvariant();

        private static string? ClassNames(ReadOnlySpan<char> attrs) => Attribute(attrs, "class");

        private static bool IsCaptionClass(string cls) =>
            cls.Contains("caption", StringComparison.OrdinalIgnoreCase) || cls.Contains("credit", StringComparison.OrdinalIgnoreCase)
            || cls.Contains("wp-caption-text", StringComparison.OrdinalIgnoreCase);

        /// <summary>The value of one attribute inside a start tag's attribute text.</summary>
        internal static string? Attribute(ReadOnlySpan<char> attrs, string name)
        {
            int p = 0;
            while (p < attrs.Length)
            {
                while (p < attrs.Length && (char.IsWhiteSpace(attrs[p]) || attrs[p] == '/'))
                    p++;
                int ns = p;
                while (p < attrs.Length && !char.IsWhiteSpace(attrs[p]) && attrs[p] is not ('=' or '>' or '/'))
                    p++;
                var n = attrs[ns..p];
                while (p < attrs.Length && char.IsWhiteSpace(attrs[p]))
                    p++;
                ReadOnlySpan<char> value = default;
                if (p < attrs.Length && attrs[p] == '=')
                {
                    p++;
                    while (p < attrs.Length && char.IsWhiteSpace(attrs[p]))
                        p++;
                    if (p < attrs.Length && attrs[p] is '"' or '\'')
                    {
                        char q = attrs[p];
                        int end = attrs[(p + 1)..].IndexOf(q);
                        end = end < 0 ? attrs.Length : p + 1 + end;
                        value = attrs[(p + 1)..end];
                        p = Math.Min(attrs.Length, end + 1);
                    }
                    else
                    {
                        int vs = p;
                        while (p < attrs.Length && !char.IsWhiteSpace(attrs[p]))
                            p++;
                        value = attrs[vs..p];
                    }
                }
                if (n.IsEmpty)
                {
                    p++;
                    continue;
                }
                if (n.Equals(name, StringComparison.OrdinalIgnoreCase))
                    return value.ToString();
            }
            return null;
        }
    }
}
