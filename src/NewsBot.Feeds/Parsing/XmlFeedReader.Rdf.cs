
namespace NewsBot.Feeds.Parsing;

/// <summary>RDF Site Summary 1.0 (and RSS 0.90): channel, image and items are siblings under rdf:RDF, read as RSS.</summary>
internal sealed partial class XmlFeedReader
{
    private void ReadRdf(Elem root)
    {
        if (NamespaceOf("") is string ns && ns.StartsWith(XmlNames.Rss090, StringComparison.Ordinal))
            Feed.Format = "rss0.90";
        for (int depth = _r.Depth; NextChild(depth, out var el); Leave(el))
            ReadRssContainer(el, ref Feed);
    }
}
