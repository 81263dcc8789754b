using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace NewsBot.Feeds.Parsing;

/// <summary>JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), including the deprecated 1.0 "author".</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public static ParsedFeed? Read(string json, Uri? documentUrl, out string? error) => Read(() => JsonDocument.Parse(json, Options), documentUrl, out error);

    /// <summary>The same, straight from UTF-8 bytes: no decoding to a string that the JSON reader would encode back.</summary>
    public static ParsedFeed? Read(ReadOnlyMemory<byte> utf8, Uri? documentUrl, out string? error) => Read(() => JsonDocument.Parse(utf8, Options), documentUrl, out error);

    /// <summary>The feed, or null and why the JSON is not one.</summary>
    private static ParsedFeed? Read(Func<JsonDocument> parse, Uri? documentUrl, out string? error)
    {
        JsonDocument doc;
        try
        {
            doc = parse();
        }
        catch (JsonException e)
        {
            error = $"not a feed: the body is not valid JSON ({FirstLine(e.Message)})";
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a feed: the JSON is not a JSON Feed object";
                return null;
            }
            var f = Fields.Of(root);
            string? version = Str(f.Version);
            bool hasItems = f.Items.ValueKind == JsonValueKind.Array;
            if (version is null || !(version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase) || version.StartsWith("1.", StringComparison.Ordinal)))
            {
                error = "not a feed: the JSON has no JSON Feed \"version\" (https://jsonfeed.org/version/1.1)";
                return null;
            }
            error = null;
            string format = version.EndsWith('1') && version.Contains("1.1", StringComparison.Ordinal) ? "json1.1" : "json1.0";
            Uri? baseUri = documentUrl;
            if (Str(f.FeedUrl) is { } feedUrl && FeedUrls.ResolveBase(feedUrl, documentUrl) is { } fb)
                baseUri = fb;
            var feed = new FeedBuilder
            {
                Format = format,
                Title = Text(Str(f.Title)),
                Link = FeedUrls.Resolve(Str(f.HomePageUrl), baseUri),
                Description = Text(Str(f.Description)),
                Image = FeedUrls.Resolve(Str(f.Icon) ?? Str(f.Favicon), baseUri),
                Author = Author(in f),
            };
            if (hasItems)
            {
                foreach (var it in f.Items.EnumerateArray())
                {
                    if (it.ValueKind != JsonValueKind.Object)
                        continue;
                    var fields = Fields.Of(it);
                    feed.Items.Add(Item(in fields, baseUri));
                }
            }
            return feed.Build();
        }
    }

    /// <summary>
    /// The members of one object this reader looks at, found in one pass over its properties rather than a search per
    /// name. As with a search by name, the last of duplicate names wins; members of another kind count as absent.
    /// </summary>
    private struct Fields
    {
        public JsonElement Version, Items, FeedUrl, Title, HomePageUrl, Description, Icon, Favicon, Authors, Author;
        public JsonElement Id, Url, ExternalUrl, ContentHtml, ContentText, Summary, Image, BannerImage;
        public JsonElement DatePublished, DateModified, Tags, Attachments, Name, MimeType, SizeInBytes;

        public static Fields Of(JsonElement obj)
        {
            var f = default(Fields);
            Span<char> buffer = stackalloc char[16];
            foreach (var p in obj.EnumerateObject())
            {
                var v = p.Value;
                switch (NameOf(p, buffer))
                {
                    case "title": f.Title = v; break;
                    case "url": f.Url = v; break;
                    case "id": f.Id = v; break;
                    case "content_html": f.ContentHtml = v; break;
                    case "content_text": f.ContentText = v; break;
                    case "summary": f.Summary = v; break;
                    case "date_published": f.DatePublished = v; break;
                    case "date_modified": f.DateModified = v; break;
                    case "external_url": f.ExternalUrl = v; break;
                    case "image": f.Image = v; break;
                    case "banner_image": f.BannerImage = v; break;
                    case "authors": f.Authors = v; break;
                    case "author": f.Author = v; break;
                    case "tags": f.Tags = v; break;
                    case "attachments": f.Attachments = v; break;
                    case "name": f.Name = v; break;
                    case "mime_type": f.MimeType = v; break;
                    case "size_in_bytes": f.SizeInBytes = v; break;
                    case "version": f.Version = v; break;
                    case "items": f.Items = v; break;
                    case "feed_url": f.FeedUrl = v; break;
                    case "home_page_url": f.HomePageUrl = v; break;
                    case "description": f.Description = v; break;
                    case "icon": f.Icon = v; break;
                    case "favicon": f.Favicon = v; break;
                }
            }
            return f;
        }

        /// <summary>
        /// The member's name without making a string of it: every name this reader wants is short ASCII, so the raw bytes
        /// are widened into <paramref name="buffer"/>. Longer names (none of ours) and escaped ones take the string path.
        /// </summary>
        private static ReadOnlySpan<char> NameOf(JsonProperty p, Span<char> buffer)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(p);
            if (raw.Length > buffer.Length || raw.Contains((byte)'\\'))
                return p.Name;
            return Ascii.ToUtf16(raw, buffer, out int written) == OperationStatus.Done ? buffer[..written] : p.Name;
        }
    }

    private static FeedItem Item(in Fields it, Uri? baseUri)
    {
        string? contentHtml = Str(it.ContentHtml);
        string? contentText = Str(it.ContentText);
        string? summary = Str(it.Summary);
        var item = new ItemBuilder
        {
            Id = Str(it.Id) ?? (it.Id.ValueKind == JsonValueKind.Number ? it.Id.GetRawText() : null),
            Title = Text(Str(it.Title)),
            Link = FeedUrls.Resolve(Str(it.Url), baseUri),
            AnyLink = FeedUrls.Resolve(Str(it.ExternalUrl), baseUri),
            Published = FeedDates.Parse(Str(it.DatePublished)),
            Updated = FeedDates.Parse(Str(it.DateModified)),
            Author = Author(in it),
            ContentHtml = contentHtml is not null ? new RawText(contentHtml) : contentText is null ? null : new RawText(System.Net.WebUtility.HtmlEncode(contentText).Replace("\n", "<br>\n", StringComparison.Ordinal)),
            SummaryHtml = summary is null ? null : new RawText(System.Net.WebUtility.HtmlEncode(summary)),
            JsonImage = FeedUrls.Resolve(Str(it.Image) ?? Str(it.BannerImage), baseUri),
        };
        if (it.Tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in it.Tags.EnumerateArray())
            {
                if (t.ValueKind == JsonValueKind.String && Text(t.GetString()) is { Length: > 0 } tag && !item.Categories.Contains(tag))
                    item.Categories.Add(tag);
            }
        }
        if (it.Attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in it.Attachments.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Object)
                    continue;
                var att = Fields.Of(a);
                if (FeedUrls.Resolve(Str(att.Url), baseUri) is not { } url)
                    continue;
                long? len = att.SizeInBytes.ValueKind == JsonValueKind.Number && att.SizeInBytes.TryGetInt64(out long l) ? l : null;
                item.Enclosures.Add(new FeedEnclosure(url, Str(att.MimeType), len));
            }
        }
        return item.Build(baseUri);
    }

    private static FeedAuthor? Author(in Fields obj)
    {
        if (obj.Authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in obj.Authors.EnumerateArray())
            {
                if (Person(a) is { } p)
                    return p;
            }
        }
        return obj.Author.ValueKind != JsonValueKind.Undefined ? Person(obj.Author) : null;
    }

    private static FeedAuthor? Person(JsonElement a)
    {
        if (a.ValueKind == JsonValueKind.String)
            return FeedAuthors.FromRss(a.GetString());
        if (a.ValueKind != JsonValueKind.Object)
            return null;
        var f = Fields.Of(a);
        string? name = Text(Str(f.Name));
        string? url = Str(f.Url);
        string? email = url is not null && url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : null;
        return name is null && email is null ? null : new FeedAuthor(name, email);
    }

    private static string? Str(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Text(string? s) => s is null ? null : HtmlText.CollapseWhitespace(s) is { Length: > 0 } t ? t : null;

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
