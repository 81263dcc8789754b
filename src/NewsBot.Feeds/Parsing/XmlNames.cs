namespace NewsBot.Feeds.Parsing;

/// <summary>The vocabularies a feed element can come from, whatever prefix the document chose.</summary>
internal enum Vocab
{
    None,
    Atom,
    Rss,
    Rdf,
    Content,
    Dc,
    Media,
    Itunes,
    Xhtml,
    Other,
}

internal static class XmlNames
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";

    /// <remarks>Compared in place: a document declares a handful of namespaces, each on every parse.</remarks>
    public static Vocab ForNamespace(string uri)
    {
        var u = uri.AsSpan().TrimEnd("/#");
        foreach (var (name, vocab) in Namespaces)
        {
            if (u.Equals(name, StringComparison.OrdinalIgnoreCase))
                return vocab;
        }
        return Vocab.Other;
    }

    private static readonly (string Name, Vocab Vocab)[] Namespaces =
    [
        ("http://www.w3.org/2005/atom", Vocab.Atom),
        ("http://purl.org/atom/ns", Vocab.Atom),
        ("http://purl.org/rss/1.0", Vocab.Rss),
        ("http://my.netscape.com/rdf/simple/0.9", Vocab.Rss),
        ("http://backend.userland.com/rss2", Vocab.Rss),
        ("http://blogs.law.harvard.edu/tech/rss", Vocab.Rss),
        ("http://backend.userland.com/rss", Vocab.Rss),
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns", Vocab.Rdf),
        ("http://purl.org/rss/1.0/modules/content", Vocab.Content),
        ("http://purl.org/dc/elements/1.1", Vocab.Dc),
        ("http://purl.org/dc/terms", Vocab.Dc),
        ("http://search.yahoo.com/mrss", Vocab.Media),
        ("http://video.search.yahoo.com/mrss", Vocab.Media),
        ("http://www.itunes.com/dtds/podcast-1.0.dtd", Vocab.Itunes),
        ("http://www.itunes.com/dtds/podcast-1.0", Vocab.Itunes),
        ("http://www.w3.org/1999/xhtml", Vocab.Xhtml),
    ];

    /// <summary>Prefixes used without a declaration still mean what everybody means by them.</summary>
    public static Vocab ForUndeclaredPrefix(string prefix) => prefix.ToLowerInvariant() switch
    {
        "" => Vocab.None,
        "atom" or "atom10" or "a10" => Vocab.Atom,
        "rdf" => Vocab.Rdf,
        "content" => Vocab.Content,
        "dc" or "dcterms" => Vocab.Dc,
        "media" => Vocab.Media,
        "itunes" => Vocab.Itunes,
        "xhtml" or "html" => Vocab.Xhtml,
        "rss" => Vocab.Rss,
        _ => Vocab.Other,
    };
}
