using System.Text;
using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// The element walk under the format readers: entering and leaving elements with their namespace scopes and xml:base,
/// resolving prefixes, and reading an element's content as raw HTML or text over the byte scanner.
/// </summary>
internal sealed partial class XmlFeedReader
{
    private readonly struct Elem(string local, Vocab vocab, int depth)
    {
        public string Local { get; } = local;
        public Vocab Vocab { get; } = vocab;
        public int Depth { get; } = depth;
    }

    private Elem Current()
    {
        var parts = Parts(_r.Name);
        return new(parts.Local, VocabOfPrefix(parts.Prefix), _r.Depth);
    }

    /// <summary>Registers the element's namespace declarations and xml:base, and names it.</summary>
    private Elem Enter()
    {
        int depth = _r.Depth;
        for (int i = 0; i < _r.AttributeCount; i++)
        {
            string n = _r.AttributeName(i);
            if (n.StartsWith("xmlns", StringComparison.Ordinal))
            {
                string prefix = n.Length == 5 ? "" : n.Length > 6 && n[5] == ':' ? Parts(n).RawLocal : "\0";
                string uri = _r.AttributeValue(i);
                if (prefix != "\0")
                    _scopes.Add((depth, prefix, XmlNames.ForNamespace(uri)));
                if (prefix == "")
                    _defaultNs.Add((depth, uri));
            }
            else if (n == "xml:base")
            {
                _bases.Add((depth, _base));
                _base = FeedUrls.ResolveBase(_r.AttributeValue(i), _base);
            }
        }
        return Current();
    }

    private readonly List<(int Depth, string Uri)> _defaultNs = [];

    private string? NamespaceOf(string prefix)
    {
        if (prefix.Length == 0 && _defaultNs.Count > 0)
            return _defaultNs[^1].Uri;
        return null;
    }

    /// <summary>Moves to the element's end if its handler did not read it, and drops its scopes.</summary>
    private void Leave(Elem el)
    {
        if (_r.NodeType == XmlNodeType.Element && _r.Depth == el.Depth && !_r.IsEmptyElement)
        {
            while (_r.Read())
            {
                if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == el.Depth)
                    break;
            }
        }
        while (_scopes.Count > 0 && _scopes[^1].Depth >= el.Depth)
            _scopes.RemoveAt(_scopes.Count - 1);
        while (_defaultNs.Count > 0 && _defaultNs[^1].Depth >= el.Depth)
            _defaultNs.RemoveAt(_defaultNs.Count - 1);
        while (_bases.Count > 0 && _bases[^1].Depth >= el.Depth)
        {
            _base = _bases[^1].Base;
            _bases.RemoveAt(_bases.Count - 1);
        }
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="depth"/> (the reader on its start tag or on a
    /// child's end) and enters it; false at the element's end. The caller leaves each child it got.
    /// </summary>
    private bool NextChild(int depth, out Elem el)
    {
        el = default;
        if (_r.Depth == depth && _r.NodeType == XmlNodeType.Element && _r.IsEmptyElement)
            return false;
        while (_r.Read())
        {
            if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth)
                return false;
            if (_r.NodeType != XmlNodeType.Element)
                continue;
            el = Enter();
            return true;
        }
        return false;
    }

    private NameParts Parts(string name)
    {
        if (!_names.TryGetValue(name, out var parts))
        {
            int colon = name.IndexOf(':', StringComparison.Ordinal);
            string raw = colon >= 0 ? name[(colon + 1)..] : name;
            parts = new NameParts(raw.ToLowerInvariant(), colon >= 0 ? name[..colon] : "", raw);
            _names[name] = parts;
        }
        return parts;
    }

    private string LocalOf(string name) => Parts(name).Local;

    private Vocab VocabOfPrefix(string prefix)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Prefix == prefix)
                return _scopes[i].Vocab;
        }
        return XmlNames.ForUndeclaredPrefix(prefix);
    }

    /// <summary>Text content of a simple element; child elements contribute their text.</summary>
    private string? ReadText() => _r.IsEmptyElement ? null : ReadContent(false, out _);

    /// <summary>
    /// The element's content. Text and CDATA come through decoded; child elements (naked markup, XHTML) are written
    /// back as markup. With escapeText the text is escaped, as XHTML text must be when read as HTML.
    /// Leaves the reader on the element's end tag.
    /// </summary>
    private string ReadContent(bool escapeText, out bool markup, bool stripDiv = false) => ReadRaw(escapeText, out markup, stripDiv).ToString();

    /// <summary>
    /// <see cref="ReadContent"/>, except that content that is a single text or CDATA node comes back as it lies in the
    /// document, to be turned into a string only if it is ever read.
    /// </summary>
    private RawText ReadRaw(bool escapeText, out bool markup, bool stripDiv = false)
    {
        markup = false;
        if (_r.IsEmptyElement)
            return RawText.Empty;
        int depth = _r.Depth;
        RawText? single = null;
        var sb = _sb;
        sb.Clear();
        bool useSb = false;
        int strippedDivDepth = -1;
        while (_r.Read())
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.EndElement:
                    if (_r.Depth == depth)
                        return useSb ? new RawText(sb.ToString()) : single ?? RawText.Empty;
                    if (_r.Depth == strippedDivDepth)
                    {
                        strippedDivDepth = -2;
                        break;
                    }
                    Spill();
                    sb.Append("</").Append(LocalOf(_r.Name)).Append('>');
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (!useSb && single is null && !escapeText)
                    {
                        single = _r.Text;
                        break;
                    }
                    Spill();
                    if (escapeText)
                        HtmlEscape(_r.Value, sb);
                    else
                        sb.Append(_r.Value);
                    break;
                case XmlNodeType.EntityReference:
                    // An entity XML does not know (&nbsp; &eacute;): HTML's meaning, or the text as written.
                    Spill();
                    string entity = HtmlEntity(_r.Name);
                    if (escapeText)
                        HtmlEscape(entity, sb);
                    else
                        sb.Append(entity);
                    break;
                case XmlNodeType.Element:
                    markup = true;
                    Spill();
                    if (stripDiv && strippedDivDepth == -1 && _r.Depth == depth + 1 && LocalOf(_r.Name) == "div" && !_r.IsEmptyElement)
                    {
                        strippedDivDepth = _r.Depth;
                        break;
                    }
                    WriteStartTag(sb);
                    break;
            }
        }
        return useSb ? new RawText(sb.ToString()) : single ?? RawText.Empty;

        void Spill()
        {
            if (!useSb)
            {
                useSb = true;
                if (single is { } first)
                    sb.Append(first.ToString());
            }
        }
    }

    private void WriteStartTag(StringBuilder sb)
    {
        sb.Append('<').Append(LocalOf(_r.Name));
        bool empty = _r.IsEmptyElement;
        for (int i = 0; i < _r.AttributeCount; i++)
        {
            string n = _r.AttributeName(i);
            if (n.StartsWith("xmlns", StringComparison.Ordinal))
                continue;
            sb.Append(' ').Append(n).Append("=\"");
            HtmlEscape(_r.AttributeValue(i), sb, attribute: true);
            sb.Append('"');
        }
        sb.Append(empty ? "/>" : ">");
    }

    private static void HtmlEscape(string v, StringBuilder sb, bool attribute = false)
    {
        foreach (char c in v)
        {
            switch (c)
            {
                case '&':
                    sb.Append("&amp;");
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '"' when attribute:
                    sb.Append("&quot;");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
    }

    private static string HtmlEntity(string name)
    {
        string written = "&" + name + ";";
        string decoded = System.Net.WebUtility.HtmlDecode(written);
        return decoded;
    }

    /// <summary>Plain text of an HTML-ish title or description.</summary>
    private static string Plain(string raw) => HtmlText.Inline(raw);

    private static string Normalize(string s) => HtmlText.CollapseWhitespace(s);

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static RawText? NullIfBlank(RawText s) => s.IsBlank ? null : s;
}
