using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), including the deprecated 1.0 "author", read in one pass
/// with Utf8JsonReader: no document tree is built, and a body that stops early (the common way JSON arrives broken)
/// is told apart from bad JSON without an exception being thrown and caught.
/// </summary>
internal static class JsonFeedReader
{
    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private const string Truncated = "not a feed: the body is not valid JSON (it ends before the JSON does)";

    public static ParsedFeed? Read(string json, Uri? documentUrl, out string? error) => Read(Encoding.UTF8.GetBytes(json), documentUrl, out error);

    /// <summary>The feed, or null and why the JSON is not one.</summary>
    public static ParsedFeed? Read(ReadOnlySpan<byte> utf8, Uri? documentUrl, out string? error)
    {
        // Not the final block: where the data ends early, Read returns false instead of throwing.
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, new JsonReaderState(Options));
        try
        {
            if (!reader.Read())
            {
                error = Truncated;
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = NotAnObject(utf8);
                return null;
            }
            var top = new Top();
            if (!ReadTop(ref reader, ref top))
            {
                error = Truncated;
                return null;
            }
            // Only white space or comments may follow the root; anything else throws, as it would for the final block.
            reader.Read();
            return Build(ref top, documentUrl, out error);
        }
        catch (JsonException e)
        {
            error = Invalid(e);
            return null;
        }
    }

    /// <summary>The answer for a root that is not an object: invalid JSON, or valid JSON of the wrong shape.</summary>
    private static string NotAnObject(ReadOnlySpan<byte> utf8)
    {
        var whole = new Utf8JsonReader(utf8, Options);
        try
        {
            while (whole.Read())
            {
            }
            return "not a feed: the JSON is not a JSON Feed object";
        }
        catch (JsonException e)
        {
            return Invalid(e);
        }
    }

    private static string Invalid(JsonException e) => $"not a feed: the body is not valid JSON ({FirstLine(e.Message)})";

    /// <summary>The top-level members read. As with a lookup by name, the last of duplicate names wins and a member of another kind counts as absent.</summary>
    private struct Top
    {
        public string? Version, Title, HomePageUrl, FeedUrl, Description, Icon, Favicon;
        public FeedAuthor? Authors, Author;
        public List<RawItem>? Items;
    }

    /// <summary>An item's members as written; links are resolved once the whole feed (and its feed_url) has been read.</summary>
    private sealed class RawItem
    {
        public string? Id, Title, Url, ExternalUrl, ContentHtml, ContentText, Summary, Image, BannerImage, DatePublished, DateModified;
        public FeedAuthor? Authors, Author;
        public List<string>? Tags;
        public List<(string? Url, string? Type, long? Length)>? Attachments;
    }

    /// <summary>Reads one member's value, the reader on its first token; false when the data ends inside it.</summary>
    private delegate bool MemberReader<T>(ref Utf8JsonReader reader, scoped ReadOnlySpan<char> name, ref T into);

    /// <summary>Reads one array element, the reader on its first token; false when the data ends inside it.</summary>
    private delegate bool ElementReader<T>(ref Utf8JsonReader reader, ref T into);

    /// <summary>The members of the object the reader is on, each handed to <paramref name="read"/>.</summary>
    /// <returns>False when the data ends before the object does.</returns>
    private static bool ReadObject<T>(ref Utf8JsonReader reader, ref T into, MemberReader<T> read)
    {
        Span<char> buffer = stackalloc char[NameBuffer];
        while (true)
        {
            if (!reader.Read())
                return false;
            if (reader.TokenType == JsonTokenType.EndObject)
                return true;
            var name = reader.ValueIsEscaped ? reader.GetString() : NameOf(reader.ValueSpan, buffer);
            if (!reader.Read() || !read(ref reader, name, ref into))
                return false;
        }
    }

    /// <summary>
    /// The elements of the array the reader is on, each handed to <paramref name="read"/>. A member that should be an
    /// array and is of another kind counts as absent: it is passed over and <paramref name="into"/> left as it is.
    /// </summary>
    /// <returns>False when the data ends before the value does.</returns>
    private static bool ReadArray<T>(ref Utf8JsonReader reader, ref T into, ElementReader<T> read)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return Skip(ref reader);
        while (true)
        {
            if (!reader.Read())
                return false;
            if (reader.TokenType == JsonTokenType.EndArray)
                return true;
            if (!read(ref reader, ref into))
                return false;
        }
    }

    /// <summary>An element of a kind the caller does not read: passed over.</summary>
    private static bool Skip(ref Utf8JsonReader reader) => reader.TrySkip();

    private static bool ReadTop(ref Utf8JsonReader reader, ref Top top) => ReadObject(ref reader, ref top, static (ref reader, scoped name, ref top) => name switch
    {
        "version" => Str(ref reader, out top.Version),
        "title" => Str(ref reader, out top.Title),
        "home_page_url" => Str(ref reader, out top.HomePageUrl),
        "feed_url" => Str(ref reader, out top.FeedUrl),
        "description" => Str(ref reader, out top.Description),
        "icon" => Str(ref reader, out top.Icon),
        "favicon" => Str(ref reader, out top.Favicon),
        "authors" => ReadAuthors(ref reader, out top.Authors),
        "author" => ReadPerson(ref reader, out top.Author),
        "items" => ReadItems(ref reader, out top.Items),
        _ => Skip(ref reader),
    });

    /// <param name="items">The items, or null when the member is not an array (the feed then has none).</param>
    private static bool ReadItems(ref Utf8JsonReader reader, out List<RawItem>? items)
    {
        items = reader.TokenType == JsonTokenType.StartArray ? [] : null;
        return ReadArray(ref reader, ref items, static (ref reader, ref items) =>
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return Skip(ref reader);
            var item = new RawItem();
            items!.Add(item);
            return ReadObject(ref reader, ref item, ReadItemMember);
        });
    }

    private static bool ReadItemMember(ref Utf8JsonReader reader, scoped ReadOnlySpan<char> name, ref RawItem item)
    {
        switch (name)
        {
            case "id" when reader.TokenType == JsonTokenType.Number:
                item.Id = Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case "id": return Str(ref reader, out item.Id);
            case "title": return Str(ref reader, out item.Title);
            case "url": return Str(ref reader, out item.Url);
            case "external_url": return Str(ref reader, out item.ExternalUrl);
            case "content_html": return Str(ref reader, out item.ContentHtml);
            case "content_text": return Str(ref reader, out item.ContentText);
            case "summary": return Str(ref reader, out item.Summary);
            case "image": return Str(ref reader, out item.Image);
            case "banner_image": return Str(ref reader, out item.BannerImage);
            case "date_published": return Str(ref reader, out item.DatePublished);
            case "date_modified": return Str(ref reader, out item.DateModified);
            case "authors": return ReadAuthors(ref reader, out item.Authors);
            case "author": return ReadPerson(ref reader, out item.Author);
            case "tags": return ReadTags(ref reader, out item.Tags);
            case "attachments": return ReadAttachments(ref reader, out item.Attachments);
            default: return Skip(ref reader);
        }
    }

    /// <summary>"authors": the first usable person of the array; none when it is not an array.</summary>
    private static bool ReadAuthors(ref Utf8JsonReader reader, out FeedAuthor? first)
    {
        first = null;
        return ReadArray(ref reader, ref first, static (ref reader, ref first) =>
        {
            if (!ReadPerson(ref reader, out var person))
                return false;
            first ??= person;
            return true;
        });
    }

    /// <summary>A person: a string in the RSS manner, or an object with name and url (a mailto: url gives the email).</summary>
    private static bool ReadPerson(ref Utf8JsonReader reader, out FeedAuthor? person)
    {
        person = null;
        if (reader.TokenType == JsonTokenType.String)
        {
            person = FeedAuthors.FromRss(reader.GetString());
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            return Skip(ref reader);
        (string? Name, string? Url) found = default;
        if (!ReadObject(ref reader, ref found, static (ref reader, scoped name, ref found) => name switch
        {
            "name" => Str(ref reader, out found.Name),
            "url" => Str(ref reader, out found.Url),
            _ => Skip(ref reader),
        }))
        {
            return false;
        }
        string? text = Text(found.Name);
        string? email = found.Url is { } url && url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : null;
        person = text is null && email is null ? null : new FeedAuthor(text, email);
        return true;
    }

    private static bool ReadTags(ref Utf8JsonReader reader, out List<string>? tags)
    {
        tags = null;
        return ReadArray(ref reader, ref tags, static (ref reader, ref tags) =>
        {
            if (reader.TokenType != JsonTokenType.String)
                return Skip(ref reader);
            if (Text(reader.GetString()) is { Length: > 0 } tag && (tags is null || !tags.Contains(tag)))
                (tags ??= []).Add(tag);
            return true;
        });
    }

    private static bool ReadAttachments(ref Utf8JsonReader reader, out List<(string? Url, string? Type, long? Length)>? attachments)
    {
        attachments = null;
        return ReadArray(ref reader, ref attachments, static (ref reader, ref attachments) =>
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                return Skip(ref reader);
            (string? Url, string? Type, long? Length) attachment = default;
            if (!ReadObject(ref reader, ref attachment, static (ref reader, scoped name, ref attachment) => name switch
            {
                "url" => Str(ref reader, out attachment.Url),
                "mime_type" => Str(ref reader, out attachment.Type),
                "size_in_bytes" => Length(ref reader, out attachment.Length),
                _ => Skip(ref reader),
            }))
            {
                return false;
            }
            (attachments ??= []).Add(attachment);
            return true;
        });
    }

    /// <summary>A size in bytes: a whole number that fits a long, else none.</summary>
    private static bool Length(ref Utf8JsonReader reader, out long? length)
    {
        length = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long l) ? l : null;
        return true;
    }

    private static ParsedFeed? Build(ref Top top, Uri? documentUrl, out string? error)
    {
        string? version = top.Version;
        if (version is null || !(version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase) || version.StartsWith("1.", StringComparison.Ordinal)))
        {
            error = "not a feed: the JSON has no JSON Feed \"version\" (https://jsonfeed.org/version/1.1)";
            return null;
        }
        error = null;
        string format = version.EndsWith('1') && version.Contains("1.1", StringComparison.Ordinal) ? "json1.1" : "json1.0";
        Uri? baseUri = documentUrl;
        if (top.FeedUrl is { } feedUrl && FeedUrls.ResolveBase(feedUrl, documentUrl) is { } fb)
            baseUri = fb;
        var feed = new FeedBuilder
        {
            Format = format,
            Title = Text(top.Title),
            Link = FeedUrls.Resolve(top.HomePageUrl, baseUri),
            Description = Text(top.Description),
            Image = FeedUrls.Resolve(top.Icon ?? top.Favicon, baseUri),
            Author = top.Authors ?? top.Author,
        };
        if (top.Items is { } items)
        {
            foreach (var it in items)
                feed.Items.Add(Item(it, baseUri));
        }
        return feed.Build();
    }

    private static FeedItem Item(RawItem it, Uri? baseUri)
    {
        var item = new ItemBuilder
        {
            Id = it.Id,
            Title = Text(it.Title),
            Link = FeedUrls.Resolve(it.Url, baseUri),
            AnyLink = FeedUrls.Resolve(it.ExternalUrl, baseUri),
            Published = FeedDates.Parse(it.DatePublished),
            Updated = FeedDates.Parse(it.DateModified),
            Author = it.Authors ?? it.Author,
            ContentHtml = it.ContentHtml is { } html ? new RawText(html)
                : it.ContentText is { } text ? new RawText(System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal))
                : null,
            SummaryHtml = it.Summary is null ? null : new RawText(System.Net.WebUtility.HtmlEncode(it.Summary)),
            JsonImage = FeedUrls.Resolve(it.Image ?? it.BannerImage, baseUri),
        };
        if (it.Tags is { } tags)
            item.Categories.AddRange(tags);
        if (it.Attachments is { } attachments)
        {
            foreach (var (rawUrl, type, length) in attachments)
            {
                if (FeedUrls.Resolve(rawUrl, baseUri) is { } url)
                    item.Enclosures.Add(new FeedEnclosure(url, type, length));
            }
        }
        return item.Build(baseUri);
    }

    /// <summary>Every member name this reader wants is short ASCII.</summary>
    private const int NameBuffer = 16;

    /// <summary>
    /// A property name without making a string of it: the raw bytes are widened into <paramref name="buffer"/>. Longer
    /// names (none of ours) come back empty; escaped ones are unescaped into a string by the caller.
    /// </summary>
    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<byte> raw, Span<char> buffer)
    {
        if (raw.Length > buffer.Length)
            return default;
        return Ascii.ToUtf16(raw, buffer, out int written) == OperationStatus.Done ? buffer[..written] : default;
    }

    /// <summary>The value as a string when it is one; null for any other kind, which is passed over.</summary>
    /// <returns>False when the data ends inside the value.</returns>
    private static bool Str(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null || reader.TrySkip();
    }

    private static string? Text(string? s) => s is null ? null : HtmlText.CollapseWhitespace(s) is { Length: > 0 } t ? t : null;

    private static string FirstLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
