using System.Text.Json;

namespace NewsBot.Feeds.Parsing;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), including the deprecated 1.0 "author".</summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(string json, Uri? documentUrl)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new FeedParseException($"not a feed: the body is not valid JSON ({FirstLine(e.Message)})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FeedParseException("not a feed: the JSON is not a JSON Feed object");
            string? version = Str(root, "version");
            bool hasItems = root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array;
            if (version is null || !(version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase) || version.StartsWith("1.", StringComparison.Ordinal)))
                throw new FeedParseException("not a feed: the JSON has no JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
            string format = version.EndsWith('1') && version.Contains("1.1", StringComparison.Ordinal) ? "json1.1" : "json1.0";
            Uri? baseUri = documentUrl;
            if (Str(root, "feed_url") is { } feedUrl && FeedUrls.ResolveBase(feedUrl, documentUrl) is { } fb)
                baseUri = fb;
            var feed = new FeedBuilder
            {
                Format = format,
                Title = Text(Str(root, "title")),
                Link = FeedUrls.Resolve(Str(root, "home_page_url"), baseUri),
                Description = Text(Str(root, "description")),
                Image = FeedUrls.Resolve(Str(root, "icon") ?? Str(root, "favicon"), baseUri),
                Author = Author(root),
            };
            if (hasItems)
            {
                foreach (var it in items.EnumerateArray())
                {
                    if (it.ValueKind == JsonValueKind.Object)
                        feed.Items.Add(Item(it, baseUri));
                }
            }
            return feed.Build();
        }
    }

    private static FeedItem Item(JsonElement it, Uri? baseUri)
    {
        string? contentHtml = Str(it, "content_html");
        string? contentText = Str(it, "content_text");
        string? summary = Str(it, "summary");
        var item = new ItemBuilder
        {
            Id = Str(it, "id") ?? (it.TryGetProperty("id", out var idNum) && idNum.ValueKind == JsonValueKind.Number ? idNum.GetRawText() : null),
            Title = Text(Str(it, "title")),
            Link = FeedUrls.Resolve(Str(it, "url"), baseUri),
            AnyLink = FeedUrls.Resolve(Str(it, "external_url"), baseUri),
            Published = FeedDates.Parse(Str(it, "date_published")),
            Updated = FeedDates.Parse(Str(it, "date_modified")),
            Author = Author(it),
            ContentHtml = contentHtml is not null ? new RawText(contentHtml) : contentText is null ? null : new RawText(System.Net.WebUtility.HtmlEncode(contentText).Replace("\n", "<br>\n", StringComparison.Ordinal)),
            SummaryHtml = summary is null ? null : new RawText(System.Net.WebUtility.HtmlEncode(summary)),
            JsonImage = FeedUrls.Resolve(Str(it, "image") ?? Str(it, "banner_image"), baseUri),
        };
        if (it.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in tags.EnumerateArray())
            {
                if (t.ValueKind == JsonValueKind.String && Text(t.GetString()) is { Length: > 0 } tag && !item.Categories.Contains(tag))
                    item.Categories.Add(tag);
            }
        }
        if (it.TryGetProperty("attachments", out var atts) && atts.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in atts.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Object || FeedUrls.Resolve(Str(a, "url"), baseUri) is not { } url)
                    continue;
                long? len = a.TryGetProperty("size_in_bytes", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out long l) ? l : null;
                item.Enclosures.Add(new FeedEnclosure(url, Str(a, "mime_type"), len));
            }
        }
        return item.Build(baseUri);
    }

    private static FeedAuthor? Author(JsonElement obj)
    {
        if (obj.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in authors.EnumerateArray())
            {
                if (Person(a) is { } p)
                    return p;
            }
        }
        return obj.TryGetProperty("author", out var author) ? Person(author) : null;
    }

    private static FeedAuthor? Person(JsonElement a)
    {
        if (a.ValueKind == JsonValueKind.String)
            return FeedAuthors.FromRss(a.GetString());
        if (a.ValueKind != JsonValueKind.Object)
            return null;
        string? name = Text(Str(a, "name"));
        string? url = Str(a, "url");
        string? email = url is not null && url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : null;
        return name is null && email is null ? null : new FeedAuthor(name, email);
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Text(string? s) => s is null ? null : HtmlText.CollapseWhitespace(s) is { Length: > 0 } t ? t : null;

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
