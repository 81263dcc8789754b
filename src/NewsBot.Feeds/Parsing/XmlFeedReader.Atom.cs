using System.Text;
using System.Xml;

namespace NewsBot.Feeds.Parsing;

/// <summary>Atom 1.0 and 0.3: feed and entry children, links by rel, persons, and the text constructs (text, html, xhtml).</summary>
internal sealed partial class XmlFeedReader
{
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
}
