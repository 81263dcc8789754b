using System.Text;
using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// One forward pass over an RSS, RDF or Atom document with XmlReader. This file holds the state and the dispatch on
/// the root element; each format is read in its own file (XmlFeedReader.Rss, .Rdf, .Atom), the extension
/// namespaces in .Extensions and the element walk they share in .Elements. Namespace processing is off so that undeclared
/// prefixes (content:encoded without xmlns:content) do not abort the parse; prefixes are resolved here instead.
/// Element names are matched case-insensitively. Whatever was complete when a read fails stays in the builder.
/// </summary>
internal sealed partial class XmlFeedReader : IDisposable
{
    private XmlSource _r;
    private readonly List<(int Depth, string Prefix, Vocab Vocab)> _scopes = [];
    private readonly List<(int Depth, Uri? Base)> _bases = [];
    /// <summary>
    /// The parts of each element name. Feeds share their vocabulary, so the table serves every parse on the thread, and
    /// is dropped once it holds more than a few thousand names so no input can grow it for good.
    /// </summary>
    private Dictionary<string, NameParts> _names = new(StringComparer.Ordinal);

    /// <param name="Local">The local name, lower case (element names are matched case-insensitively).</param>
    /// <param name="Prefix">The prefix as written, "" for none.</param>
    /// <param name="RawLocal">The local name as written: for xmlns:prefix, the prefix declared.</param>
    private sealed record NameParts(string Local, string Prefix, string RawLocal);

    private StringBuilder _sb = new();
    private StringBuilder _personSb = new();

    /// <summary>
    /// The reader the last document on this thread used, with its lists, buffers, name tables and UTF-8 scanner: small
    /// documents are common enough that setting these up per document cost more than reading a short one. One
    /// thread-static slot for all of it, as each thread-static access is a runtime call.
    /// </summary>
    [ThreadStatic]
    private static XmlFeedReader? t_spare;

    private Utf8XmlSource? _scanner;

    /// <summary>Buffers grown past this by one large document are not kept for the next.</summary>
    private const int MaxKeptBuffer = 16 * 1024;

    /// <summary>Deeper than any real feed; handlers that recurse stop here so hostile nesting cannot exhaust the stack.</summary>
    private const int MaxNesting = 32;
    private Uri? _base;

    /// <summary>What was read; a field, as the builder is a struct filled in place.</summary>
    public FeedBuilder Feed;

    /// <summary>True once the root was recognised as a feed; a failure after that is a truncation to recover from.</summary>
    public bool RootRecognised { get; private set; }

    public string? RootName { get; private set; }

    /// <summary>The source gave up on XML that is certainly not well-formed (see <see cref="XmlSource.Malformed"/>).</summary>
    public bool SourceMalformed => _r.Malformed;

    private XmlFeedReader(XmlSource source, Uri? documentUrl)
    {
        _r = source;
        _base = documentUrl;
    }

    private static XmlFeedReader Rent(XmlSource? source, Uri? documentUrl)
    {
        var reader = t_spare;
        if (reader is null)
            return new XmlFeedReader(source ?? new Utf8XmlSource([], 0), documentUrl);
        t_spare = null;
        reader._r = source ?? reader._r;
        reader._base = documentUrl;
        if (reader._names.Count > 4096)
            reader._names = new Dictionary<string, NameParts>(StringComparer.Ordinal);
        reader.Feed = default;
        reader.RootRecognised = false;
        reader.RootName = null;
        return reader;
    }

    /// <summary>
    /// Reads as far as the document allows. Broken XML comes back as <paramref name="error"/>, after keeping what was
    /// complete.
    /// </summary>
    /// <param name="source">
    /// A source that reads any document (XmlTextReader); taken over: disposed with the reader. The UTF-8 scanner, which
    /// may decline a document, goes through <see cref="RunUtf8"/>.
    /// </param>
    public static XmlFeedReader Run(XmlSource source, Uri? documentUrl, out XmlException? error)
    {
        var reader = Rent(source, documentUrl);
        Run(reader, out error);
        return reader;
    }

    /// <summary><see cref="Run(XmlSource, Uri?, out XmlException?)"/> with the UTF-8 scanner over the bytes from <paramref name="start"/>.</summary>
    /// <param name="doc">Valid UTF-8; the array must stay unchanged while the feed read from it is in use.</param>
    /// <param name="complete">The scanner read the whole document; false when it declined it or found it broken.</param>
    /// <param name="ascii">The bytes are known to be ASCII (the encoding check found no other byte).</param>
    /// <remarks>
    /// A decline is an answer, not an error: no exception is made for it, as an XmlException looks its message up in
    /// the framework's resources under a lock, which cost more than reading a small feed.
    /// </remarks>
    public static XmlFeedReader RunUtf8(byte[] doc, int start, Uri? documentUrl, out bool complete, bool ascii = false)
    {
        var reader = Rent(null, documentUrl);
        var scanner = reader._scanner ??= reader._r as Utf8XmlSource ?? new Utf8XmlSource([], 0);
        scanner.Start(doc, start, ascii);
        reader._r = scanner;
        complete = Run(reader, out _) && scanner.Declined is null;
        return reader;
    }

    /// <returns>The document was read to its end without an XML error.</returns>
    private static bool Run(XmlFeedReader reader, out XmlException? error)
    {
        error = null;
        try
        {
            reader.ReadDocument();
        }
        catch (XmlException e)
        {
            error = e;
        }
        return error is null;
    }

    /// <summary>Disposes the source and hands the reader back to the thread; Feed stays readable, nothing else.</summary>
    public void Dispose()
    {
        _r.Dispose();
        _scopes.Clear();
        _bases.Clear();
        _defaultNs.Clear();
        if (_sb.Capacity > MaxKeptBuffer)
            _sb = new StringBuilder();
        if (_personSb.Capacity > MaxKeptBuffer)
            _personSb = new StringBuilder();
        _base = null;
        t_spare = this;
    }

    private void ReadDocument()
    {
        while (_r.Read())
        {
            if (_r.NodeType != XmlNodeType.Element)
                continue;
            var root = Enter();
            RootName = _r.Name;
            switch (root.Local)
            {
                case "rss":
                case "channel" when root.Vocab is Vocab.None or Vocab.Rss:
                    Feed.Format = RssFormat(_r.GetAttribute("version"));
                    RootRecognised = true;
                    if (root.Local == "channel")
                        ReadRssContainer(root, ref Feed);
                    else
                    {
                        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
                            ReadRssContainer(el, ref Feed);
                    }
                    break;
                case "rdf":
                    Feed.Format = "rss1.0";
                    RootRecognised = true;
                    ReadRdf(root);
                    break;
                case "entry" when root.Vocab is Vocab.None or Vocab.Atom:
                    // A lone Atom entry document (RFC 4287 §4.1.2 allows it as a root): a feed of one item.
                    Feed.Format = "atom1.0";
                    RootRecognised = true;
                    ReadAtomEntry();
                    break;
                case "feed":
                    string? version = _r.GetAttribute("version");
                    Feed.Format = version is not null && version.StartsWith("0.", StringComparison.Ordinal) || NamespaceOf("") == XmlNames.Atom03
                        ? "atom0.3" : "atom1.0";
                    RootRecognised = true;
                    ReadAtomFeed();
                    break;
                default:
                    return;
            }
            Leave(root);
            return;
        }
    }
}
