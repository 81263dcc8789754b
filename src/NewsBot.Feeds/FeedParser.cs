namespace NewsBot.Feeds;

/// <summary>Reads RSS, Atom and JSON Feed documents from raw bytes.</summary>
public static class FeedParser
{
    /// <param name="body">The bytes as served (any encoding).</param>
    /// <param name="contentType">The HTTP Content-Type header, if any (charset hint).</param>
    /// <param name="documentUrl">The final document URL, used to resolve relative links.</param>
    /// <exception cref="FeedParseException">The document is not a feed that can be recovered.</exception>
    public static ParsedFeed Parse(ReadOnlySpan<byte> body, string? contentType = null, Uri? documentUrl = null)
        => throw new NotImplementedException("contract placeholder: issue 3 helper implements");
}
