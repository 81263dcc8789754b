using System.Buffers;
using System.Diagnostics.CodeAnalysis;
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
    public static ParsedFeed Parse(byte[]? body, string? contentType = null, Uri? documentUrl = null) =>
        Read(body, contentType, documentUrl, out string? error) ?? throw new FeedParseException(error!);

    /// <summary>
    /// <see cref="Parse(byte[], string?, Uri?)"/> for callers that expect documents which are not feeds (a poller, a
    /// subscribe command): the common answers (an empty body, an HTML page, another root element, JSON that is not a
    /// JSON Feed) come back as <paramref name="error"/> without an exception being thrown and caught, which costs more
    /// than reading a small feed.
    /// </summary>
    /// <param name="error">The one-line reason, as <see cref="FeedParseException"/> would carry it.</param>
    public static bool TryParse(byte[]? body, string? contentType, Uri? documentUrl, [NotNullWhen(true)] out ParsedFeed? feed, [NotNullWhen(false)] out string? error)
    {
        try
        {
            feed = Read(body, contentType, documentUrl, out error);
        }
        catch (FeedParseException e)
        {
            // the rare answers (undecodable bytes, a refused DTD, XML broken beyond repair) keep their exception
            feed = null;
            error = e.Message;
        }
        return feed is not null;
    }

    /// <summary>The feed, or null and always the reason in <paramref name="error"/>; rare failures still throw.</summary>
    private static ParsedFeed? Read(byte[]? body, string? contentType, Uri? documentUrl, out string? error)
    {
        error = null;
        if (body is null || body.Length == 0 || body.AsSpan().IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            error = EmptyBody;
            return null;
        }
        Encoding encoding;
        int preamble;
        bool malformed = false;
        bool utf8Json = false;
        try
        {
            encoding = FeedEncoding.Detect(body, contentType, out preamble, out bool asciiBytes);
            // Well-formed UTF-8 (most feeds) is read straight from the bytes; anything else takes the text path below.
            // Junk before the root is left to that path at once: the scanner would only decline it. UTF-8 JSON goes
            // to the JSON reader as bytes, which would otherwise be decoded here only to be encoded back there.
            if (encoding.CodePage is 65001 or 20127)
            {
                if (StartsWithMarkup(body, preamble))
                {
                    var fast = ReadWellFormedUtf8(body, preamble, documentUrl, asciiBytes, out malformed, out error);
                    if (fast is not null || error is not null)
                        return fast;
                }
                utf8Json = StartsWith(body, preamble, '{', '[');
            }
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        if (utf8Json)
            return JsonFeedReader.Read(body.AsSpan(preamble), documentUrl, out error);
        string text;
        try
        {
            text = encoding.GetString(body, preamble, body.Length - preamble);
        }
        catch (Exception e) when (e is DecoderFallbackException or ArgumentException)
        {
            throw new FeedParseException($"not a feed: the body could not be decoded ({e.Message})", e);
        }
        return ReadText(text, documentUrl, malformed, out error);
    }

    private const string EmptyBody = "not a feed: the body is empty";

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
    internal static ParsedFeed? ReadWellFormedUtf8(byte[] body, int start, Uri? documentUrl) =>
        ReadWellFormedUtf8(body, start, documentUrl, false, out _, out string? notAFeed) ?? (notAFeed is null ? null : throw new FeedParseException(notAFeed));

    /// <inheritdoc cref="ReadWellFormedUtf8(byte[], int, Uri?)"/>
    /// <param name="ascii">Every byte is ASCII, so there is no U+FFFE or U+FFFF to look for.</param>
    /// <param name="malformed">The scanner gave up because the XML is certainly broken: the strict text parse would fail.</param>
    /// <param name="notAFeed">Set, with null returned, when the scanner read a root that is not a feed's.</param>
    private static ParsedFeed? ReadWellFormedUtf8(byte[] body, int start, Uri? documentUrl, bool ascii, out bool malformed, out string? notAFeed)
    {
        using var reader = XmlFeedReader.RunUtf8(body, start, documentUrl, out bool complete, ascii);
        malformed = reader.SourceMalformed;
        notAFeed = complete && !reader.RootRecognised ? NotAFeed(reader.RootName) : null;
        return complete && notAFeed is null ? reader.Feed.Build() : null;
    }

    /// <summary>The scanner's reading of repaired text, when it reads all of it and the root is a feed; else null.</summary>
    private static ParsedFeed? ScanRepaired(string repaired, Uri? documentUrl)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(repaired);
        using var reader = XmlFeedReader.RunUtf8(bytes, 0, documentUrl, out bool complete);
        return complete && reader.RootRecognised ? reader.Feed.Build() : null;
    }

    /// <summary>The text path on its own, throwing as <see cref="Parse(byte[], string?, Uri?)"/> does.</summary>
    internal static ParsedFeed ParseText(string text, Uri? documentUrl) =>
        ReadText(text, documentUrl, false, out string? error) ?? throw new FeedParseException(error!);

    /// <param name="knownBroken">
    /// The UTF-8 scanner found the XML not well-formed (<see cref="XmlSource.Malformed"/>), so the strict parse would
    /// only fail: the repaired text is read first, and the strict parse runs only if that reading finds no feed.
    /// </param>
    private static ParsedFeed? ReadText(string text, Uri? documentUrl, bool knownBroken, out string? error)
    {
        error = null;
        int start = text.AsSpan().IndexOfAnyExcept(Blank);
        if (start < 0)
        {
            error = EmptyBody;
            return null;
        }
        char first = text[start];
        if (first is '{' or '[')
            return JsonFeedReader.Read(text, documentUrl, out error);
        // Junk before the root (a PHP warning, a stray BOM, blank lines) is skipped up to the first markup.
        int lt = text.IndexOf('<', start);
        if (lt < 0)
        {
            error = "not a feed: the body is neither XML nor JSON";
            return null;
        }
        if (lt > 0)
            text = text[lt..];
        text = XmlProlog.Check(text);
        return knownBroken ? ParseBrokenXml(text, documentUrl, out error) : ParseXml(text, documentUrl, out error);
    }

    private static ParsedFeed? ParseXml(string xml, Uri? documentUrl, out string? error)
    {
        using var strict = XmlFeedReader.Run(new TextXmlSource(xml), documentUrl, out var xmlError);
        if (xmlError is null)
            return Answer(strict, out error);
        return Recover(strict, xmlError, XmlRepair.Repair(xml), documentUrl, out error);
    }

    /// <summary>
    /// <see cref="ParseXml"/> for XML known to be broken: the same answer, without first watching the strict parse fail.
    /// Repaired text is usually well-formed UTF-8 the scanner reads; XmlTextReader takes what it declines.
    /// </summary>
    private static ParsedFeed? ParseBrokenXml(string xml, Uri? documentUrl, out string? error)
    {
        string repairedXml = XmlRepair.Repair(xml);
        if (ScanRepaired(repairedXml, documentUrl) is { } scanned)
        {
            error = null;
            return scanned;
        }
        using var strict = XmlFeedReader.Run(new TextXmlSource(xml), documentUrl, out var xmlError);
        if (xmlError is null)
            return Answer(strict, out error);
        return Recover(strict, xmlError, repairedXml, documentUrl, out error);
    }

    /// <summary>A reading that reached the end of the document: the feed, or why its root is not one.</summary>
    private static ParsedFeed? Answer(XmlFeedReader reader, out string? error)
    {
        error = reader.RootRecognised ? null : NotAFeed(reader.RootName);
        return reader.RootRecognised ? reader.Feed.Build() : null;
    }

    /// <summary>After the strict parse failed: the repaired reading if it found a feed, else what the strict one kept.</summary>
    private static ParsedFeed? Recover(XmlFeedReader strict, XmlException xmlError, string repairedXml, Uri? documentUrl, out string? error)
    {
        using var repaired = XmlFeedReader.Run(new TextXmlSource(repairedXml), documentUrl, out var error2);
        error = null;
        if (repaired.RootRecognised)
            return repaired.Feed.Build();
        if (strict.RootRecognised)
            return strict.Feed.Build();
        if (error2 is null)
        {
            error = NotAFeed(repaired.RootName);
            return null;
        }
        throw new FeedParseException($"not a feed: the XML is broken beyond repair ({OneLine(xmlError.Message)})", xmlError);
    }

    private static string NotAFeed(string? root) => root?.ToLowerInvariant() switch
    {
        null => "not a feed: the document has no root element",
        "html" or "head" or "body" => "not a feed: this is an HTML page; use the feed URL it links to (<link rel=\"alternate\" type=\"application/rss+xml\">)",
        _ => $"not a feed: the root element is <{root}>, expected <rss>, <rdf:RDF> or <feed>",
    };

    private static string OneLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}
