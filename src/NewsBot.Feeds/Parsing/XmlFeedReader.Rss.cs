
namespace NewsBot.Feeds.Parsing;

/// <summary>
/// RSS 0.9x and 2.0 (and the channel and item elements RDF shares with them): the channel's title, links, image, dates
/// and people, and each item's fields, with the extension namespaces an item carries (content, dc, dcterms, itunes,
/// media, atom) dispatched by vocabulary.
/// </summary>
internal sealed partial class XmlFeedReader
{
    private static string RssFormat(string? version) => version?.Trim() switch
    {
        "0.91" => "rss0.91",
        "0.92" => "rss0.92",
        "0.93" or "0.94" => "rss0.92",
        "0.90" or "0.9" => "rss0.90",
        _ => "rss2.0",
    };

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
}
