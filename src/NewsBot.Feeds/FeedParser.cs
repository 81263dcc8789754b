using System.Buffers;
using System.Text;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Feeds;

/// <summary>Reads RSS, Atom and JSON Feed documents from raw bytes.</summary>
public static class FeedParser
{
    private static readonly SearchValues<char> Blank = SearchValues.Create(" \t\r\n\uFEFF\0");

    /// <param name="body">The bytes as served (any encoding).</param>
    /// <param name="contentType">The HTTP Content-Type header, if any (charset hint).</param>
    /// <param name="documentUrl">The final document URL, used to resolve relative links.</param>
    /// <exception cref="FeedParseException">The document is not a feed that can be recovered.</exception>
    public static ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType = null, Uri? documentUrl = null) =>
        Parse(body.ToArray(), contentType, documentUrl);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte}, string?, Uri?)"/>
    /// <remarks>
    /// Items keep a reference to <paramref name="body"/> and read their bodies from it on first use: the array must not
    /// change while the returned feed is in use.
    /// </remarks>
    public static ParsedFeed Parse(byte[]? body, string? contentType = null, Uri? documentUrl = null)
    {
        if (body is null || body.Length == 0 || body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
            throw new FeedParseException("not a feed: the body is empty");
        Encoding encoding;
        int preamble;
        try
        {
            encoding = FeedEncoding.Detect(body, contentType, out preamble);
            // Well-formed UTF-8 (most feeds) is read straight from the bytes; anything else takes the text path below.
            // JSON and junk before the root are left to that path at once: the scanner would only decline them.
            if (encoding.CodePage is 65001 or 20127 && StartsWithMarkup(body, preamble) && ReadWellFormedUtf8(body, preamble, documentUrl) is { } fast)
                return fast;
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        string text;
        try
        {
            text = encoding.GetString(body, preamble, body.Length - preamble);
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        return ParseText(text, documentUrl);
    }

    private static bool StartsWithMarkup(byte[] body, int start)
    {
        int first = body.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && body[start + first] == '<';
    }

    /// <summary>The feed, when the document is one the UTF-8 scanner reads completely; else null.</summary>
    /// <exception cref="FeedParseException">
    /// The scanner read the document's root without trouble and it is not a feed: the text path would stop at the same
    /// root with the same answer.
    /// </exception>
    internal static ParsedFeed? ReadWellFormedUtf8(byte[] body, int start, Uri? documentUrl)
    {
        using var reader = XmlFeedReader.Run(Utf8XmlSource.Rent(body, start), documentUrl, out var error);
        if (error is null && !reader.RootRecognised)
            throw NotAFeed(reader.RootName);
        return error is null ? reader.Feed.Build() : null;
    }

    internal static ParsedFeed ParseText(string text, Uri? documentUrl)
    {
        int start = text.AsSpan().IndexOfAnyExcept(Blank);
        if (start < 0)
            throw new FeedParseException("not a feed: the body is empty");
        char first = text[start];
        if (first is '{' or '[')
            return JsonFeedReader.Read(text, documentUrl);
        // Junk before the root (a PHP warning, a stray BOM, blank lines) is skipped up to the first markup.
        int lt = text.IndexOf('<', start);
        if (lt < 0)
            throw new FeedParseException("not a feed: the body is neither XML nor JSON");
        if (lt > 0)
            text = text[lt..];
        XmlProlog.Check(text);
        return ParseXml(text, documentUrl);
    }

    private static ParsedFeed ParseXml(string xml, Uri? documentUrl)
    {
        using var strict = XmlFeedReader.Run(new TextXmlSource(xml), documentUrl, out var error);
        if (error is null && strict.RootRecognised)
            return strict.Feed.Build();
        if (error is null)
            throw NotAFeed(strict.RootName);
        using var repaired = XmlFeedReader.Run(new TextXmlSource(XmlRepair.Repair(xml)), documentUrl, out var error2);
        if (repaired.RootRecognised)
            return repaired.Feed.Build();
        if (strict.RootRecognised)
            return strict.Feed.Build();
        if (error2 is null)
            throw NotAFeed(repaired.RootName);
        throw new FeedParseException($"not a feed: the XML is broken beyond repair ({OneLine(error.Message)})", error);
    }

    private static FeedParseException NotAFeed(string? root) => root?.ToLowerInvariant() switch
    {
        null => new FeedParseException("not a feed: the document has no root element"),
        "html" or "head" or "body" => new FeedParseException("not a feed: this is an HTML page; use the feed URL it links to (<link rel=\"alternate\" type=\"application/rss+xml\">)"),
        _ => new FeedParseException($"not a feed: the root element is <{root}>, expected <rss>, <rdf:RDF> or <feed>"),
    };

    private static string OneLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
