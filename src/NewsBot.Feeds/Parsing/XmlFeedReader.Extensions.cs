
namespace NewsBot.Feeds.Parsing;

/// <summary>
/// The extension vocabularies that sit beside the core formats: Media RSS (thumbnails, image content, groups, titles
/// and descriptions), iTunes categories, enclosures and categories as every format lists them.
/// </summary>
internal sealed partial class XmlFeedReader
{
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
}
