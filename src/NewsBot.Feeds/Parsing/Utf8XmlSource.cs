using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// A forward-only scanner over a well-formed UTF-8 document that reports nodes the way the XmlTextReader settings of
/// <see cref="TextXmlSource"/> do (namespaces off, insignificant white space dropped, no line-end normalization), but
/// without decoding the document to a string first: markup is found with vectorized byte searches and text becomes a
/// string only when asked for. It is deliberately narrow: on anything it does not handle exactly like XmlTextReader
/// (a DTD, an entity other than the five predefined ones, non-ASCII names, control characters, broken XML) it declines:
/// Read returns false from then on and <see cref="Declined"/> says why, and the caller takes the XmlTextReader path,
/// which owns recovery and the error messages. Declining is not an exception: broken feeds are common enough that a
/// throw per document (and its message lookup) cost more than reading the document.
/// </summary>
internal sealed class Utf8XmlSource : XmlSource
{
    private byte[] _doc;
    private int _end;
    private int _pos;
    /// <summary>The open elements: name, and where its bytes are in the start tag (end tags are matched on bytes).</summary>
    private readonly List<(string Name, int Start, int Length)> _open = [];
    private bool _rootSeen;
    private bool _rootDone;
    private bool _anyNode;

    private XmlNodeType _type;
    private string _name = "";
    private int _depth;
    private bool _empty;
    private int _textStart;
    private int _textLength;
    private bool _textReferences;

    private Attr[] _attrs = new Attr[8];
    private int _attrCount;

    // Feeds share their vocabulary (item, title, link, rel="alternate"), so the tables outlive one document when the
    // scanner is reused (see Start); each is dropped once it holds more than a few thousand strings, so no run of
    // documents can grow it without bound.
    private NameTable _names = new();
    private NameTable _values = new();

    private readonly record struct Attr(string Name, int Start, int Length, bool References);

    /// <summary>Bytes XML 1.0 forbids anywhere; XmlTextReader's handling of them is its business, not ours.</summary>
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);


    /// <param name="doc">Valid UTF-8; the array must stay unchanged while text handed out as <see cref="RawText"/> is in use.</param>
    /// <param name="start">Where the document starts (after a byte order mark).</param>
    public Utf8XmlSource(byte[] doc, int start)
    {
        _doc = doc;
        Start(doc, start);
    }

    /// <summary>Starts over on another document, keeping the buffers and name tables (a reader reuses its scanner).</summary>
    /// <param name="ascii">The bytes are known to be ASCII, so they hold no U+FFFE or U+FFFF to look for.</param>
    public void Start(byte[] doc, int start, bool ascii = false)
    {
        _doc = doc;
        _names = NameTable.Fresh(_names);
        _values = NameTable.Fresh(_values);
        _pos = start;
        _end = _doc.Length;
        _open.Clear();
        _rootSeen = _rootDone = _anyNode = false;
        _type = XmlNodeType.None;
        _name = "";
        _depth = 0;
        _empty = false;
        _attrCount = 0;
        _declined = null;
        _malformed = false;
        var span = _doc.AsSpan(start);
        int forbidden = span.IndexOfAny(Forbidden);
        if ((!ascii && HasNoncharacter(span)) || forbidden >= 0 && span[forbidden] == 0)
        {
            _pos = -1;
        }
        else if (forbidden >= 0)
        {
            // XmlTextReader stops with an error at that byte, whatever it is part of: the scanner reads the document as
            // if it ended there, so it answers as XmlTextReader does when the root is complete before it, and finds the
            // XML broken (certainly) when it is not. NUL is left to XmlTextReader: it treats it specially.
            _end = start + forbidden;
        }
    }

    /// <summary>U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.</summary>
    private static bool HasNoncharacter(ReadOnlySpan<byte> s)
    {
        int i;
        while ((i = s.IndexOf([(byte)0xEF, (byte)0xBF])) >= 0)
        {
            if (i + 2 < s.Length && s[i + 2] is 0xBE or 0xBF)
                return true;
            s = s[(i + 2)..];
        }
        return false;
    }

    public override XmlNodeType NodeType => _type;

    public override int Depth => _depth;

    public override string Name => _name;

    public override bool IsEmptyElement => _empty;

    public override string Value => _type is XmlNodeType.Text or XmlNodeType.CDATA
        ? Utf8Xml.Decode(_doc.AsSpan(_textStart, _textLength), _textReferences)
        : "";

    public override RawText Text => _type is XmlNodeType.Text or XmlNodeType.CDATA
        ? new RawText(_doc, _textStart, _textLength, _textReferences)
        : RawText.Empty;

    public override int AttributeCount => _attrCount;

    public override string AttributeName(int index) => _attrs[index].Name;

    public override string AttributeValue(int index) => AttrValue(_attrs[index]);

    public override string? GetAttribute(string name)
    {
        for (int i = 0; i < _attrCount; i++)
        {
            if (string.Equals(_attrs[i].Name, name, StringComparison.Ordinal))
                return AttrValue(_attrs[i]);
        }
        return null;
    }

    /// <remarks>Short values (rel="alternate", type="html", isPermaLink="false") repeat on every item: one string each.</remarks>
    private string AttrValue(Attr a) => !a.References && a.Length <= 24
        ? _values.Get(_doc.AsSpan(a.Start, a.Length), ascii: false)
        : Utf8Xml.Decode(_doc.AsSpan(a.Start, a.Length), a.References);

    public override void Dispose()
    {
        // The scanner only reads the caller's array; it lets go of it (it may be started again on another).
        _doc = [];
        _declined = "disposed";
    }

    private string? _declined;
    private bool _malformed;

    /// <summary>Why the scanner gave up on the document, or null while it has not.</summary>
    public override string? Declined => _declined;

    /// <summary>
    /// The scanner gave up on XML that is certainly not well-formed, at a point it reached reading everything before
    /// exactly as XmlTextReader does: XmlTextReader will fail on it too (before the root element's end, where the feed
    /// reader stops). False when it merely declined something it does not read itself.
    /// </summary>
    public override bool Malformed => _malformed;

    /// <summary>Gives up on XML that is not well-formed (see <see cref="Malformed"/>).</summary>
    private bool Broken(string what)
    {
        if (_declined is null)
            _malformed = true;
        return Decline(what);
    }

    /// <summary>Gives up on the document: every later Read returns false.</summary>
    /// <returns>False, for the caller to return.</returns>
    private bool Decline(string what)
    {
        _declined ??= what;
        _type = XmlNodeType.None;
        _name = "";
        _attrCount = 0;
        _rootDone = true;
        return false;
    }

    public override bool Read()
    {
        if (Declined is not null)
            return false;
        if (_pos < 0)
            return Decline("characters XML forbids");
        _attrCount = 0;
        _empty = false;
        _name = "";
        while (true)
        {
            if (_rootDone)
                return false;
            if (_pos >= _end)
                return Broken("the document ends inside an element");
            if (_doc[_pos] != '<')
            {
                if (!ReadText(out bool node))
                    return false;
                if (node)
                    return true;
                continue;
            }
            if (_pos + 1 >= _end)
                return Broken("the document ends inside markup");
            switch (_doc[_pos + 1])
            {
                case (byte)'/':
                    return ReadEndTag();
                case (byte)'!':
                    if (!ReadBang(out bool cdata))
                        return false;
                    if (cdata)
                        return true;
                    continue;
                case (byte)'?':
                    if (!ReadProcessingInstruction())
                        return false;
                    continue;
                default:
                    return ReadStartTag();
            }
        }
    }

    /// <param name="node">False for white space that XmlTextReader drops (and for white space outside the root).</param>
    /// <returns>False when the scanner declined.</returns>
    private bool ReadText(out bool node)
    {
        node = false;
        int start = _pos;
        int lt = _doc.AsSpan(start, _end - start).IndexOf((byte)'<');
        if (lt < 0)
            return Broken("the document ends inside an element");
        int stop = start + lt;
        var text = _doc.AsSpan(start, lt);
        bool references = false;
        // One search for both rare bytes; most text has neither.
        int special = text.IndexOfAny((byte)'&', (byte)']');
        if (special >= 0)
        {
            int amp = text[special] == '&' ? special : text.IndexOf((byte)'&');
            references = amp >= 0;
            if (references && !CheckReferences(start + amp, stop))
                return false;
            if (text.IndexOf("]]>"u8) >= 0)
                return Decline("']]>' in text");
        }
        _pos = stop;
        if (!references && text.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return true;
        if (_open.Count == 0)
            return Broken("text outside the root element");
        _type = XmlNodeType.Text;
        _depth = _open.Count;
        _textStart = start;
        _textLength = stop - start;
        _textReferences = references;
        node = true;
        return true;
    }

    /// <summary>Checks every reference from the '&amp;' at <paramref name="amp"/> up to the text's end.</summary>
    /// <remarks>
    /// Escaped HTML (Atom type="html") has a reference every few bytes: one vector compare per 32 bytes finds the next
    /// one, where a search call per reference cost more than the check itself.
    /// </remarks>
    /// <returns>False when the scanner declined.</returns>
    private bool CheckReferences(int amp, int stop)
    {
        var ampersands = Vector256.Create((byte)'&');
        int i = amp;
        while (i < stop)
        {
            if (Vector256.IsHardwareAccelerated && stop - i >= Vector256<byte>.Count)
            {
                uint mask = Vector256.Equals(Vector256.Create(_doc.AsSpan(i, Vector256<byte>.Count)), ampersands).ExtractMostSignificantBits();
                int blockEnd = i + Vector256<byte>.Count;
                // Every '&' of the block from the one compare; a reference holds no other '&', so none is skipped.
                int next = i;
                while (mask != 0)
                {
                    next = CheckReference(i + BitOperations.TrailingZeroCount(mask));
                    if (next < 0)
                        return false;
                    mask &= mask - 1;
                }
                i = Math.Max(next, blockEnd);
                continue;
            }
            int found = _doc.AsSpan(i, stop - i).IndexOf((byte)'&');
            if (found < 0)
                return true;
            // A reference cannot hold '<', so it never runs past the text's end.
            i = CheckReference(i + found);
            if (i < 0)
                return false;
        }
        return true;
    }

    /// <summary>Checks the reference at '&amp;' and returns the position after its ';', or -1 when the scanner declined.</summary>
    private int CheckReference(int amp)
    {
        // The four that escaped HTML is made of, without the general path.
        if (amp + 5 < _end)
        {
            uint word = BinaryPrimitives.ReadUInt32LittleEndian(_doc.AsSpan(amp + 1, 4));
            if ((word & 0xFFFFFF) is LtSemi or GtSemi)
                return amp + 4;
            if (word == AmpSemi)
                return amp + 5;
            if (word == Quot && _doc[amp + 5] == ';')
                return amp + 6;
        }
        var rest = _doc.AsSpan(amp + 1, Math.Min(_end - amp - 1, 12));
        int semi = rest.IndexOf((byte)';');
        if (semi <= 0)
        {
            _ = IsBareAmpersand(amp) ? Broken("a bare '&'") : Decline("a bare '&' or a long entity name");
            return -1;
        }
        var name = rest[..semi];
        bool ok = name[0] == '#' ? Utf8Xml.CharReference(name[1..]) > 0 : Utf8Xml.Predefined(name) != 0;
        if (!ok)
        {
            _ = IsBareAmpersand(amp) ? Broken("a bare '&'") : Decline("an entity XML does not predefine");
            return -1;
        }
        return amp + 1 + semi + 1;
    }

    /// <summary>
    /// The '&amp;' at <paramref name="amp"/> starts no reference XmlTextReader can read: what follows is neither '#' nor
    /// an ASCII name ended by ';'. Anything involving other bytes (non-ASCII names) is left undecided: false.
    /// </summary>
    private bool IsBareAmpersand(int amp)
    {
        int p = amp + 1;
        if (p >= _end)
            return true;
        byte b = _doc[p];
        if (b >= 0x80 || b == '#')
            return false;
        if (!(char.IsAsciiLetter((char)b) || b is (byte)'_' or (byte)':'))
            return true;
        while (p < _end && (char.IsAsciiLetterOrDigit((char)_doc[p]) || _doc[p] is (byte)'_' or (byte)':' or (byte)'-' or (byte)'.'))
            p++;
        return p >= _end || _doc[p] < 0x80 && _doc[p] != ';';
    }

    private const uint LtSemi = 'l' | 't' << 8 | ';' << 16;
    private const uint GtSemi = 'g' | 't' << 8 | ';' << 16;
    private const uint AmpSemi = 'a' | 'm' << 8 | 'p' << 16 | (uint)';' << 24;
    private const uint Quot = 'q' | 'u' << 8 | 'o' << 16 | (uint)'t' << 24;

    private bool ReadStartTag()
    {
        if (_rootSeen && _open.Count == 0)
            return Decline("a second root element");
        int p = _pos + 1;
        int nameStart = p;
        if (!ReadName(ref p, out string name))
            return false;
        int nameLength = p - nameStart;
        _attrCount = 0;
        while (true)
        {
            int ws = p;
            p = SkipSpace(p);
            if (p >= _end)
                return Broken("the document ends inside a tag");
            byte b = _doc[p];
            if (b == '>')
            {
                p++;
                break;
            }
            if (b == '/')
            {
                if (p + 1 >= _end || _doc[p + 1] != '>')
                    return Broken("'/' inside a tag");
                _empty = true;
                p += 2;
                break;
            }
            if (p == ws)
                return Broken("attributes without space between them");
            if (!ReadAttribute(ref p))
                return false;
        }
        _pos = p;
        _type = XmlNodeType.Element;
        _name = name;
        _depth = _open.Count;
        _rootSeen = true;
        _anyNode = true;
        if (!_empty)
            _open.Add((name, nameStart, nameLength));
        else if (_open.Count == 0)
            _rootDone = true;
        return true;
    }

    private bool ReadAttribute(ref int p)
    {
        if (!ReadName(ref p, out string name))
            return false;
        p = SkipSpace(p);
        if (p >= _end || _doc[p] != '=')
            return Broken("an attribute without a value");
        p = SkipSpace(p + 1);
        if (p >= _end || _doc[p] is not ((byte)'"' or (byte)'\''))
            return Broken("an unquoted attribute value");
        byte quote = _doc[p];
        int start = p + 1;
        int close = _doc.AsSpan(start, _end - start).IndexOf(quote);
        if (close < 0)
            return Broken("an unterminated attribute value");
        var value = _doc.AsSpan(start, close);
        bool references = false;
        // One search for both rare bytes; most values have neither.
        bool special = value.IndexOfAny((byte)'<', (byte)'&') >= 0;
        if (special && value.Contains((byte)'<'))
            return Broken("'<' in an attribute value");
        int amp = special ? value.IndexOf((byte)'&') : -1;
        while (amp >= 0)
        {
            references = true;
            int end = CheckReference(start + amp);
            if (end < 0)
                return false;
            int after = end - start;
            if (after > close)
                return Decline("a reference across the attribute's end");
            int next = value[after..].IndexOf((byte)'&');
            amp = next < 0 ? -1 : after + next;
        }
        for (int i = 0; i < _attrCount; i++)
        {
            if (string.Equals(_attrs[i].Name, name, StringComparison.Ordinal))
                return Broken("a duplicate attribute");
        }
        if (_attrCount == _attrs.Length)
            Array.Resize(ref _attrs, _attrs.Length * 2);
        _attrs[_attrCount++] = new Attr(name, start, close, references);
        p = start + close + 1;
        return true;
    }

    private bool ReadEndTag()
    {
        if (_open.Count == 0)
            return Broken("an end tag outside the root element");
        var (name, start, length) = _open[^1];
        int p = _pos + 2;
        if (p + length >= _end || !_doc.AsSpan(p, length).SequenceEqual(_doc.AsSpan(start, length)) || !IsSpace(_doc[p + length]) && _doc[p + length] != '>')
            return Broken("an end tag that does not match");
        p = SkipSpace(p + length);
        if (p >= _end || _doc[p] != '>')
            return Broken("junk in an end tag");
        _open.RemoveAt(_open.Count - 1);
        _pos = p + 1;
        _type = XmlNodeType.EndElement;
        _name = name;
        _depth = _open.Count;
        if (_open.Count == 0)
            _rootDone = true;
        return true;
    }

    /// <param name="cdata">True for a CDATA node; false for a comment, which is skipped.</param>
    /// <returns>False when the scanner declined.</returns>
    private bool ReadBang(out bool cdata)
    {
        cdata = false;
        var rest = _doc.AsSpan(_pos, _end - _pos);
        if (rest.StartsWith("<!--"u8))
        {
            int close = rest[4..].IndexOf("--"u8);
            if (close < 0 || 4 + close + 2 >= rest.Length || rest[4 + close + 2] != '>')
                return Decline("a comment with '--' inside, or unterminated");
            _pos += 4 + close + 3;
            _anyNode = true;
            return true;
        }
        if (rest.StartsWith("<![CDATA["u8))
        {
            if (_open.Count == 0)
                return Decline("CDATA outside the root element");
            int close = rest[9..].IndexOf("]]>"u8);
            if (close < 0)
                return Broken("an unterminated CDATA section");
            _type = XmlNodeType.CDATA;
            _depth = _open.Count;
            _textStart = _pos + 9;
            _textLength = close;
            _textReferences = false;
            _pos += 9 + close + 3;
            cdata = true;
            return true;
        }
        return Decline("a DOCTYPE or other declaration");
    }

    private bool ReadProcessingInstruction()
    {
        int p = _pos + 2;
        if (!ReadName(ref p, out string target))
            return false;
        var rest = _doc.AsSpan(p, _end - p);
        int close = rest.IndexOf("?>"u8);
        if (close < 0)
            return Broken("an unterminated processing instruction");
        if (target.Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            if (_anyNode || !string.Equals(target, "xml", StringComparison.Ordinal) || !IsSimpleDeclaration(rest[..close]))
                return Decline("an XML declaration it does not read");
        }
        else if (close > 0 && !IsSpace(rest[0]))
        {
            return Decline("a processing instruction without space after its target");
        }
        _pos = p + close + 2;
        _anyNode = true;
        return true;
    }

    /// <summary>version="1.0", then optionally encoding="…" and standalone="yes|no", in that order.</summary>
    private static bool IsSimpleDeclaration(ReadOnlySpan<byte> s)
    {
        if (!Pseudo(ref s, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
            return false;
        var save = s;
        if (Pseudo(ref s, "encoding"u8, out var encoding))
        {
            if (encoding.IsEmpty || !char.IsAsciiLetter((char)encoding[0]))
                return false;
            foreach (byte b in encoding)
            {
                if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-'))
                    return false;
            }
            save = s;
        }
        s = save;
        if (Pseudo(ref s, "standalone"u8, out var standalone))
        {
            if (!(standalone.SequenceEqual("yes"u8) || standalone.SequenceEqual("no"u8)))
                return false;
            save = s;
        }
        s = save;
        return s.IndexOfAnyExcept(" \t\r\n"u8) < 0;
    }

    private static bool Pseudo(ref ReadOnlySpan<byte> s, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        int ws = s.IndexOfAnyExcept(" \t\r\n"u8);
        if (ws <= 0 || !s[ws..].StartsWith(name))
            return false;
        var rest = s[(ws + name.Length)..];
        int eq = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (eq < 0 || rest[eq] != '=')
            return false;
        rest = rest[(eq + 1)..];
        int q = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (q < 0 || rest[q] is not ((byte)'"' or (byte)'\''))
            return false;
        byte quote = rest[q];
        rest = rest[(q + 1)..];
        int close = rest.IndexOf(quote);
        if (close < 0)
            return false;
        value = rest[..close];
        s = rest[(close + 1)..];
        return true;
    }

    private int SkipSpace(int p)
    {
        while (p < _end && IsSpace(_doc[p]))
            p++;
        return p;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>An ASCII XML name; anything else (non-ASCII names included) is left to XmlTextReader.</summary>
    /// <remarks>One table lookup per byte, and the name table's hash taken on the way: every tag has a name.</remarks>
    private bool ReadName(ref int p, out string name)
    {
        name = "";
        int start = p;
        if (p >= _end || _doc[p] >= 0x80 || NameChars[_doc[p]] != NameStart)
            return p >= _end || _doc[p] < 0x80 ? Broken("no name where XML needs one") : Decline("a name it does not read");
        uint hash = NameTable.Seed;
        byte b;
        while (p < _end && (b = _doc[p]) < 0x80 && NameChars[b] != 0)
        {
            hash = NameTable.Step(hash, b);
            p++;
        }
        if (p < _end && _doc[p] >= 0x80)
            return Decline("a non-ASCII name");
        name = _names.Get(_doc.AsSpan(start, p - start), hash);
        return true;
    }

    private const byte NameStart = 2;

    /// <summary>Per ASCII byte: 2 starts a name (letters, '_', ':'), 1 continues one (digits, '-', '.'), 0 neither.</summary>
    private static ReadOnlySpan<byte> NameChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 0, 0, 0, 0,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
        0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    ];

    /// <summary>One string per distinct name (and short attribute value), so a thousand &lt;item&gt; tags share one.</summary>
    private sealed class NameTable
    {
        private (byte[] Key, string Name)[] _slots = new (byte[], string)[64];
        private int _count;

        private const int MaxEntries = 4096;

        /// <summary>The table, or a new one once it holds more than <see cref="MaxEntries"/> strings.</summary>
        public static NameTable Fresh(NameTable table) => table._count > MaxEntries ? new NameTable() : table;

        public const uint Seed = 2166136261;

        public static uint Step(uint hash, byte b) => (hash ^ b) * 16777619;

        public string Get(ReadOnlySpan<byte> name, bool ascii = true)
        {
            uint h = Seed;
            foreach (byte b in name)
                h = Step(h, b);
            return Get(name, h, ascii);
        }

        /// <param name="h">The name's hash, from <see cref="Seed"/> and <see cref="Step"/>.</param>
        public string Get(ReadOnlySpan<byte> name, uint h, bool ascii = true)
        {
            int mask = _slots.Length - 1;
            for (int i = (int)(h & (uint)mask); ; i = (i + 1) & mask)
            {
                ref var slot = ref _slots[i];
                if (slot.Key is null)
                {
                    string s = ascii ? Encoding.ASCII.GetString(name) : Encoding.UTF8.GetString(name);
                    slot = (name.ToArray(), s);
                    if (++_count * 2 > _slots.Length)
                        Grow();
                    return s;
                }
                if (name.SequenceEqual(slot.Key))
                    return slot.Name;
            }
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new (byte[], string)[old.Length * 2];
            int mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry.Key is null)
                    continue;
                uint h = 2166136261;
                foreach (byte b in entry.Key)
                    h = (h ^ b) * 16777619;
                int i = (int)(h & (uint)mask);
                while (_slots[i].Key is not null)
                    i = (i + 1) & mask;
                _slots[i] = entry;
            }
        }
    }
}
