using System.Buffers;
using System.Text;
using System.Xml;
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
        bool malformed = false;
        bool utf8Json = false;
        try
        {
            encoding = FeedEncoding.Detect(body, contentType, out preamble);
            // Well-formed UTF-8 (most feeds) is read straight from the bytes; anything else takes the text path below.
            // Junk before the root is left to that path at once: the scanner would only decline it. UTF-8 JSON goes
            // to the JSON reader as bytes, which would otherwise be decoded here only to be encoded back there.
            if (encoding.CodePage is 65001 or 20127)
            {
                if (StartsWithMarkup(body, preamble) && ReadWellFormedUtf8(body, preamble, documentUrl, out malformed) is { } fast)
                    return fast;
                utf8Json = StartsWith(body, preamble, '{', '[');
            }
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        if (utf8Json)
            return JsonFeedReader.Read(body.AsMemory(preamble), documentUrl);
        string text;
        try
        {
            text = encoding.GetString(body, preamble, body.Length - preamble);
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        return ParseText(text, documentUrl, malformed);
    }

    private static bool StartsWithMarkup(byte[] body, int start) => StartsWith(body, start, '<', '<');

    /// <summary>The first byte after leading white space is <paramref name="a"/> or <paramref name="b"/>.</summary>
    private static bool StartsWith(byte[] body, int start, char a, char b)
    {
        int first = body.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && (body[start + first] == a || body[start + first] == b);
    }

    /// <summary>The feed, when the document is one the UTF-8 scanner reads completely; else null.</summary>
    /// <exception cref="FeedParseException">
    /// The scanner read the document's root without trouble and it is not a feed: the text path would stop at the same
    /// root with the same answer.
    /// </exception>
    internal static ParsedFeed? ReadWellFormedUtf8(byte[] body, int start, Uri? documentUrl) => ReadWellFormedUtf8(body, start, documentUrl, out _);

    /// <inheritdoc cref="ReadWellFormedUtf8(byte[], int, Uri?)"/>
    /// <param name="malformed">The scanner gave up because the XML is certainly broken: the strict text parse would fail.</param>
    private static ParsedFeed? ReadWellFormedUtf8(byte[] body, int start, Uri? documentUrl, out bool malformed)
    {
        using var reader = XmlFeedReader.RunUtf8(body, start, documentUrl, out bool complete);
        malformed = reader.SourceMalformed;
        if (complete && !reader.RootRecognised)
            throw NotAFeed(reader.RootName);
        return complete ? reader.Feed.Build() : null;
    }

    /// <summary>The scanner's reading of repaired text, when it reads all of it and the root is a feed; else null.</summary>
    private static ParsedFeed? ScanRepaired(string repaired, Uri? documentUrl)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(repaired);
        using var reader = XmlFeedReader.RunUtf8(bytes, 0, documentUrl, out bool complete);
        return complete && reader.RootRecognised ? reader.Feed.Build() : null;
    }

    /// <param name="knownBroken">
    /// The UTF-8 scanner found the XML not well-formed (<see cref="XmlSource.Malformed"/>), so the strict parse would
    /// only fail: the repaired text is read first, and the strict parse runs only if that reading finds no feed.
    /// </param>
    internal static ParsedFeed ParseText(string text, Uri? documentUrl, bool knownBroken = false)
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
        return knownBroken ? ParseBrokenXml(text, documentUrl) : ParseXml(text, documentUrl);
    }

    private static ParsedFeed ParseXml(string xml, Uri? documentUrl)
    {
        using var strict = XmlFeedReader.Run(new TextXmlSource(xml), documentUrl, out var error);
        if (error is null && strict.RootRecognised)
            return strict.Feed.Build();
        if (error is null)
            throw NotAFeed(strict.RootName);
        return Recover(strict, error, XmlRepair.Repair(xml), documentUrl);
    }

    /// <summary>
    /// <see cref="ParseXml"/> for XML known to be broken: the same answer, without first watching the strict parse fail.
    /// Repaired text is usually well-formed UTF-8 the scanner reads; XmlTextReader takes what it declines.
    /// </summary>
    private static ParsedFeed ParseBrokenXml(string xml, Uri? documentUrl)
    {
        string repairedXml = XmlRepair.Repair(xml);
        if (ScanRepaired(repairedXml, documentUrl) is { } scanned)
            return scanned;
        using var strict = XmlFeedReader.Run(new TextXmlSource(xml), documentUrl, out var error);
        if (error is null && strict.RootRecognised)
            return strict.Feed.Build();
        if (error is null)
            throw NotAFeed(strict.RootName);
        return Recover(strict, error, repairedXml, documentUrl);
    }

    /// <summary>After the strict parse failed: the repaired reading if it found a feed, else what the strict one kept.</summary>
    private static ParsedFeed Recover(XmlFeedReader strict, XmlException error, string repairedXml, Uri? documentUrl)
    {
        using var repaired = XmlFeedReader.Run(new TextXmlSource(repairedXml), documentUrl, out var error2);
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
