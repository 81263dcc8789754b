using System.Text;
using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// One forward pass over an RSS, RDF or Atom document with XmlReader. Namespace processing is off so that undeclared
/// prefixes (content:encoded without xmlns:content) do not abort the parse; prefixes are resolved here instead.
/// Element names are matched case-insensitively. Whatever was complete when a read fails stays in the builder.
/// </summary>
internal sealed class XmlFeedReader : IDisposable
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

    private static string RssFormat(string? version) => version?.Trim() switch
    {
        "0.91" => "rss0.91",
        "0.92" => "rss0.92",
        "0.93" or "0.94" => "rss0.92",
        "0.90" or "0.9" => "rss0.90",
        _ => "rss2.0",
    };

    private void ReadRdf(Elem root)
    {
        if (NamespaceOf("") is string ns && ns.StartsWith(XmlNames.Rss090, StringComparison.Ordinal))
            Feed.Format = "rss0.90";
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
            ReadRssContainer(el, ref Feed);
    }

    private void ReadRssChannelElement(Elem channel, ref FeedBuilder feed)
    {
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
            ReadRssChannelChild(el, ref feed);
    }

    /// <summary>Children of &lt;rss&gt; (and of RDF): the channel, and (RSS 0.9x/RDF style) items or an image beside it.</summary>
    private void ReadRssContainer(Elem el, ref FeedBuilder feed)
    {
        if (el.Local == "channel")
            ReadRssChannelElement(el, ref feed);
        else
            ReadRssChannelChild(el, ref feed);
    }

    private void ReadRssChannelChild(Elem el, ref FeedBuilder feed)
    {
        switch (el.Vocab)
        {
            case Vocab.None or Vocab.Rss:
                switch (el.Local)
                {
                    case "title":
                        feed.Title ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "link":
                        if (HrefLink() is { } feedHref)
                            feed.HrefLink ??= feedHref;
                        else
                            feed.Link ??= FeedUrls.Resolve(ReadText(), _base);
                        break;
                    case "description":
                        feed.Description ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "pubdate":
                        feed.Published ??= FeedDates.Parse(ReadText());
                        break;
                    case "lastbuilddate":
                        feed.Updated ??= FeedDates.Parse(ReadText());
                        break;
                    case "managingeditor":
                        feed.Author ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "webmaster":
                        feed.FallbackAuthor ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "category":
                        AddCategory(feed.Categories, ReadText());
                        break;
                    case "ttl":
                        if (int.TryParse(ReadText(), out int ttl) && ttl > 0)
                            feed.TimeToLive = TimeSpan.FromMinutes(ttl);
                        break;
                    case "image":
                        ReadRssImage(ref feed);
                        break;
                    case "skiphours":
                        for (int depth = _r.Depth; NextChild(depth, out var hourEl); Leave(hourEl))
                        {
                            if (int.TryParse(ReadText(), out int hour) && hour is >= 0 and <= 24)
                                feed.SkipHours.Add(hour % 24);
                        }
                        break;
                    case "skipdays":
                        for (int depth = _r.Depth; NextChild(depth, out var dayEl); Leave(dayEl))
                        {
                            if (Enum.TryParse<DayOfWeek>(ReadText()?.Trim(), true, out var day))
                                feed.SkipDays.Add(day);
                        }
                        break;
                    case "item":
                        ReadRssItem(ref feed);
                        break;
                }
                break;
            case Vocab.Atom:
                switch (el.Local)
                {
                    case "link":
                        ReadAtomLinkForFeed(ref feed);
                        break;
                    case "author":
                        feed.Author ??= ReadAtomPerson();
                        break;
                }
                break;
            case Vocab.Dc:
                switch (el.Local)
                {
                    case "title":
                        feed.Title ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "description":
                        feed.Description ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "date" or "modified":
                        feed.Updated ??= FeedDates.Parse(ReadText());
                        break;
                    case "issued" or "created":
                        feed.Published ??= FeedDates.Parse(ReadText());
                        break;
                    case "creator" or "publisher" or "author":
                        feed.FallbackAuthor ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "subject":
                        AddCategory(feed.Categories, ReadText());
                        break;
                }
                break;
            case Vocab.Itunes:
                switch (el.Local)
                {
                    case "image":
                        feed.ItunesImage ??= FeedUrls.Resolve(_r.GetAttribute("href") ?? ReadText(), _base);
                        break;
                    case "author":
                        feed.FallbackAuthor ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "summary" or "subtitle":
                        feed.Description ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "category":
                        AddItunesCategories(feed.Categories);
                        break;
                    case "owner":
                        feed.FallbackAuthor ??= ReadAtomPerson();
                        break;
                }
                break;
            case Vocab.Media:
                if (el.Local is "thumbnail" or "content" && IsImageMedia())
                    feed.MediaImage ??= FeedUrls.Resolve(_r.GetAttribute("url"), _base);
                break;
        }
    }

    /// <summary>
    /// An RSS &lt;link href="…"/&gt; (an Atom link written without its prefix) is a deliberate pointer and wins over text
    /// links; a rel="self"/"hub" one points at the feed itself and is ignored.
    /// </summary>
    private string? HrefLink()
    {
        string? href = _r.GetAttribute("href");
        if (href is null)
            return null;
        string? rel = _r.GetAttribute("rel")?.Trim().ToLowerInvariant();
        return rel is null or "" or "alternate" ? FeedUrls.Resolve(href, _base) ?? "" : "";
    }

    private void ReadRssImage(ref FeedBuilder feed)
    {
        if (_r.GetAttribute("rdf:resource") is { } about && feed.Image is null && _r.IsEmptyElement)
            return; // RDF points at the image element that follows
        string? url = null;
        for (int depth = _r.Depth; NextChild(depth, out var c); Leave(c))
        {
            if (c.Local == "url")
                url ??= ReadText();
        }
        feed.Image ??= FeedUrls.Resolve(url, _base);
    }

    private void AddItunesCategories(List<string> into)
    {
        if (_r.Depth > MaxNesting)
            return;
        AddCategory(into, _r.GetAttribute("text"));
        for (int depth = _r.Depth; NextChild(depth, out var c); Leave(c))
        {
            if (c.Local == "category")
                AddItunesCategories(into);
        }
    }

    private void ReadRssItem(ref FeedBuilder feed)
    {
        var item = default(ItemBuilder);
        var itemBase = _base;
        if (_r.GetAttribute("rdf:about") is { } about)
            item.Id = about.Trim();
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
            ReadRssItemChild(el, ref item);
        feed.Items.Add(item.Build(itemBase));
    }

    private void ReadRssItemChild(Elem el, ref ItemBuilder item)
    {
        switch (el.Vocab)
        {
            case Vocab.None or Vocab.Rss:
                switch (el.Local)
                {
                    case "title":
                        item.Title ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "link":
                        if (HrefLink() is { } itemHref)
                            item.HrefLink ??= itemHref;
                        else
                            item.Link ??= FeedUrls.Resolve(ReadText(), _base);
                        break;
                    case "description":
                        item.SummaryBase = _base;
                        item.SummaryHtml ??= NullIfBlank(ReadRaw(false, out _));
                        break;
                    case "guid":
                        string? perma = _r.GetAttribute("isPermaLink");
                        string? guid = ReadText()?.Trim();
                        if (!string.IsNullOrEmpty(guid))
                        {
                            item.Id = guid;
                            item.IdIsPermaLink = perma is null || perma.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
                        }
                        break;
                    case "pubdate":
                        item.Published ??= FeedDates.Parse(ReadText());
                        break;
                    case "author":
                        item.Author ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "category":
                        AddCategory(item.Categories, ReadText());
                        break;
                    case "enclosure":
                        AddEnclosure(item.Enclosures, _r.GetAttribute("url"), _r.GetAttribute("type"), _r.GetAttribute("length"));
                        break;
                }
                break;
            case Vocab.Content when el.Local == "encoded":
                item.ContentBase = _base;
                item.ContentHtml ??= NullIfBlank(ReadRaw(false, out _));
                break;
            case Vocab.Dc:
                switch (el.Local)
                {
                    case "title":
                        item.Title ??= NullIfBlank(Plain(ReadContent(false, out _)));
                        break;
                    case "description":
                        item.FallbackSummaryHtml ??= NullIfBlank(ReadRaw(false, out _));
                        break;
                    case "date" or "issued" or "created":
                        item.Published ??= FeedDates.Parse(ReadText());
                        break;
                    case "modified":
                        item.Updated ??= FeedDates.Parse(ReadText());
                        break;
                    case "creator" or "contributor" or "publisher" or "author":
                        item.FallbackAuthor ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "subject":
                        AddCategory(item.Categories, ReadText());
                        break;
                    case "identifier":
                        item.Id ??= NullIfBlank(ReadText()?.Trim());
                        break;
                }
                break;
            case Vocab.Atom:
                ReadAtomEntryChild(el, ref item);
                break;
            case Vocab.Media:
                ReadMedia(el, ref item);
                break;
            case Vocab.Itunes:
                switch (el.Local)
                {
                    case "image":
                        item.ItunesImage ??= FeedUrls.Resolve(_r.GetAttribute("href") ?? ReadText(), _base);
                        break;
                    case "author":
                        item.FallbackAuthor ??= FeedAuthors.FromRss(ReadText());
                        break;
                    case "summary":
                        item.FallbackSummaryHtml ??= NullIfBlank(ReadRaw(false, out _));
                        break;
                }
                break;
        }
    }

    private void ReadMedia(Elem el, ref ItemBuilder item)
    {
        if (el.Depth > MaxNesting)
            return; // media:group inside media:group without end is an attack, not a feed
        switch (el.Local)
        {
            case "thumbnail":
                item.MediaImage ??= FeedUrls.Resolve(_r.GetAttribute("url"), _base);
                break;
            case "content":
                if (IsImageMedia())
                    item.MediaImage ??= FeedUrls.Resolve(_r.GetAttribute("url"), _base);
                ReadMediaChildren(ref item);
                break;
            case "group":
                ReadMediaChildren(ref item);
                break;
            case "description":
                item.FallbackSummaryHtml ??= NullIfBlank(ReadRaw(false, out _));
                break;
            case "title":
                item.MediaTitle ??= NullIfBlank(Plain(ReadContent(false, out _)));
                break;
        }
    }

    private void ReadMediaChildren(ref ItemBuilder item)
    {
        for (int depth = _r.Depth; NextChild(depth, out var c); Leave(c))
        {
            if (c.Vocab == Vocab.Media)
                ReadMedia(c, ref item);
        }
    }

    private bool IsImageMedia()
    {
        string? medium = _r.GetAttribute("medium");
        string? type = _r.GetAttribute("type");
        if (medium is not null)
            return medium.Trim().Equals("image", StringComparison.OrdinalIgnoreCase);
        if (type is not null)
            return type.Trim().StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        string? url = _r.GetAttribute("url");
        return url is not null && ImageUrls.HasImageExtension(url);
    }

    private void AddEnclosure(List<FeedEnclosure> into, string? url, string? type, string? length)
    {
        string? abs = FeedUrls.Resolve(url, _base);
        if (abs is null)
            return;
        long? len = long.TryParse(length?.Trim(), out long l) && l >= 0 ? l : null;
        into.Add(new FeedEnclosure(abs, NullIfBlank(type?.Trim()), len));
    }

    private static void AddCategory(List<string> into, string? raw)
    {
        if (raw is null)
            return;
        string c = Normalize(raw);
        if (c.Length > 0 && !into.Contains(c))
            into.Add(c);
    }

    // ---------------------------------------------------------------- Atom

    private void ReadAtomFeed()
    {
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
            ReadAtomFeedChild(el);
    }

    private void ReadAtomFeedChild(Elem el)
    {
        if (el.Vocab is Vocab.Atom or Vocab.None)
        {
            switch (el.Local)
            {
                case "title":
                    Feed.Title ??= NullIfBlank(AtomText(out _).Text);
                    return;
                case "subtitle" or "tagline":
                    Feed.Description ??= NullIfBlank(AtomText(out _).Text);
                    return;
                case "link":
                    ReadAtomLinkForFeed(ref Feed);
                    return;
                case "updated" or "modified":
                    Feed.Updated ??= FeedDates.Parse(ReadText());
                    return;
                case "published" or "issued" or "created":
                    Feed.Published ??= FeedDates.Parse(ReadText());
                    return;
                case "author":
                    Feed.Author ??= ReadAtomPerson();
                    return;
                case "contributor":
                    Feed.FallbackAuthor ??= ReadAtomPerson();
                    return;
                case "category":
                    AddCategory(Feed.Categories, _r.GetAttribute("term") ?? _r.GetAttribute("label") ?? ReadText());
                    return;
                case "logo":
                    Feed.Logo ??= FeedUrls.Resolve(ReadText(), _base);
                    return;
                case "icon":
                    Feed.Icon ??= FeedUrls.Resolve(ReadText(), _base);
                    return;
                case "entry":
                    ReadAtomEntry();
                    return;
            }
        }
        ReadRssChannelChild(el, ref Feed);
    }

    private void ReadAtomLinkForFeed(ref FeedBuilder feed)
    {
        string? rel = _r.GetAttribute("rel")?.Trim().ToLowerInvariant();
        string? href = FeedUrls.Resolve(_r.GetAttribute("href") ?? ReadText(), _base);
        if (href is null)
            return;
        if (rel is null or "" or "alternate" || rel.EndsWith("/alternate", StringComparison.Ordinal))
            feed.AlternateLink ??= href;
    }

    private void ReadAtomEntry()
    {
        var item = default(ItemBuilder);
        var entryBase = _base;
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
        {
            if (el.Vocab is Vocab.Atom or Vocab.None)
                ReadAtomEntryChild(el, ref item);
            else if (el.Vocab == Vocab.Media)
                ReadMedia(el, ref item);
            else
                ReadRssItemChild(el, ref item);
        }
        Feed.Items.Add(item.Build(entryBase));
    }

    private void ReadAtomEntryChild(Elem el, ref ItemBuilder item)
    {
        switch (el.Local)
        {
            case "id":
                string? id = ReadText()?.Trim();
                if (!string.IsNullOrEmpty(id))
                    item.Id ??= FeedUrls.LooksAbsolute(id) || id.Contains(' ', StringComparison.Ordinal) ? id : FeedUrls.Resolve(id, _base);
                break;
            case "title":
                item.Title ??= NullIfBlank(AtomText(out _).Text);
                break;
            case "link":
                ReadAtomEntryLink(ref item);
                break;
            case "published" or "issued" or "created":
                item.Published ??= FeedDates.Parse(ReadText());
                break;
            case "updated" or "modified":
                item.Updated ??= FeedDates.Parse(ReadText());
                break;
            case "author":
                item.Author ??= ReadAtomPerson();
                break;
            case "contributor":
                item.FallbackAuthor ??= ReadAtomPerson();
                break;
            case "category":
                AddCategory(item.Categories, _r.GetAttribute("term") ?? _r.GetAttribute("label") ?? ReadText());
                break;
            case "summary":
                item.SummaryBase = _base;
                if (item.SummaryHtml is null)
                {
                    item.SummaryHtml = NullIfBlank(AtomBody(out bool plainSummary));
                    item.SummaryIsPlain = plainSummary;
                }
                break;
            case "content":
                item.ContentBase = _base;
                string? src = _r.GetAttribute("src");
                var content = AtomBody(out bool plainContent);
                if (item.ContentHtml is null)
                {
                    item.ContentHtml = NullIfBlank(content);
                    item.ContentIsPlain = plainContent;
                }
                if (src is not null)
                    item.AnyLink ??= FeedUrls.Resolve(src, _base);
                break;
            case "source":
                // The entry's origin feed: its title and links describe another feed, not this entry.
                break;
        }
    }

    private void ReadAtomEntryLink(ref ItemBuilder item)
    {
        string? rel = _r.GetAttribute("rel")?.Trim().ToLowerInvariant();
        string? type = _r.GetAttribute("type");
        string? href = FeedUrls.Resolve(_r.GetAttribute("href") ?? _r.GetAttribute("url") ?? ReadText(), _base);
        if (href is null)
            return;
        switch (rel)
        {
            case null or "" or "alternate":
                if (type is null || type.Contains("html", StringComparison.OrdinalIgnoreCase))
                    item.Link ??= href;
                else
                    item.AlternateLink ??= href;
                break;
            case "enclosure":
                AddEnclosure(item.Enclosures, href, type, _r.GetAttribute("length"));
                break;
            default:
                if (rel.EndsWith("/alternate", StringComparison.Ordinal))
                    item.AlternateLink ??= href;
                else if (rel is not ("self" or "edit" or "replies" or "license" or "via" or "related" or "edit-media"))
                    item.AnyLink ??= href;
                else if (rel is "via" or "related")
                    item.AnyLink ??= href;
                break;
        }
    }

    private FeedAuthor? ReadAtomPerson()
    {
        string? name = null, email = null;
        bool children = false;
        string? text = null;
        if (_r.IsEmptyElement)
            return null;
        int depth = _r.Depth;
        var sb = _personSb.Clear();
        while (_r.Read())
        {
            if (_r.NodeType == XmlNodeType.EndElement && _r.Depth == depth)
                break;
            if (_r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && _r.Depth == depth + 1)
                sb.Append(_r.Value);
            if (_r.NodeType == XmlNodeType.EntityReference && _r.Depth == depth + 1)
                sb.Append(HtmlEntity(_r.Name));
            if (_r.NodeType != XmlNodeType.Element)
                continue;
            children = true;
            var el = Enter();
            switch (el.Local)
            {
                case "name":
                    name ??= NullIfBlank(Normalize(ReadText() ?? ""));
                    break;
                case "email":
                    email ??= NullIfBlank(ReadText()?.Trim());
                    break;
            }
            Leave(el);
        }
        text = Normalize(sb.ToString());
        if (!children || (name is null && email is null))
            return text.Length == 0 ? null : FeedAuthors.FromRss(text);
        if (name is null && text.Length > 0)
            name = text;
        return new FeedAuthor(name, email);
    }

    /// <summary>An Atom summary or content, left as it lies in the document when it can be (see <see cref="LazyHtml"/>).</summary>
    /// <param name="plain">The text is plain text, still to be escaped into HTML.</param>
    private RawText AtomBody(out bool plain)
    {
        plain = false;
        string type = (_r.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
        string mode = (_r.GetAttribute("mode") ?? "").Trim().ToLowerInvariant();
        if (type is "xhtml" or "application/xhtml+xml" || mode == "base64")
            return new RawText(AtomText(out _, wantText: false).Html);
        var raw = ReadRaw(false, out bool markup);
        plain = !(markup || type is "html" or "text/html" || mode == "escaped" || type.EndsWith("xml", StringComparison.Ordinal));
        if (plain && raw.IsBlank)
        {
            // Escaping can make blank text non-blank ("\n" becomes "<br>"); decide on the escaped form, as before.
            plain = false;
            return new RawText(LazyHtml.EscapePlain(raw.ToString()));
        }
        return raw;
    }

    /// <summary>An Atom text construct (title, subtitle, summary, content) as HTML and as plain text.</summary>
    /// <param name="wantText">False for bodies: their text is derived later, on demand, from the HTML.</param>
    private (string Html, string Text) AtomText(out string type, bool wantText = true)
    {
        type = (_r.GetAttribute("type") ?? "text").Trim().ToLowerInvariant();
        string mode = (_r.GetAttribute("mode") ?? "").Trim().ToLowerInvariant();
        bool xhtml = type is "xhtml" or "application/xhtml+xml";
        string raw = ReadContent(xhtml, out bool markup, stripDiv: xhtml);
        if (mode == "base64")
        {
            try
            {
                raw = Encoding.UTF8.GetString(Convert.FromBase64String(raw.Trim()));
            }
            catch (FormatException)
            {
                // not base64 after all; keep the text as it came
            }
        }
        if (xhtml || markup || type is "html" or "text/html" || mode == "escaped" || type.EndsWith("xml", StringComparison.Ordinal))
            return (raw, wantText ? Plain(raw) : "");
        // Plain text: HTML-escaped so that the HTML field always holds HTML; its line breaks stay line breaks.
        return (LazyHtml.EscapePlain(raw), wantText ? Normalize(raw) : "");
    }

    // ---------------------------------------------------------------- reader plumbing

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
