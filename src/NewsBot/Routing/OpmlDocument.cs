using System.Text;
using System.Xml;

namespace NewsBot.Routing;

/// <summary>One feed of an OPML outline; Filter is NewsBot's own attribute, kept across export and import.</summary>
public sealed record OpmlFeed(string Url, string? Title, string? Filter = null);

/// <summary>
/// Reads and writes OPML subscription lists. Files come from strangers: DTDs are refused (no entity expansion, no
/// external fetches), and size, outline count and nesting are capped.
/// </summary>
public static class OpmlDocument
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxFeeds = 2000;
    private const int MaxDepth = 32;

    public static bool TryRead(byte[] content, out List<OpmlFeed> feeds, out string error)
    {
        feeds = [];
        error = "";
        if (content.Length == 0)
        {
            error = "the OPML file is empty";
            return false;
        }
        if (content.Length > MaxBytes)
        {
            error = $"the OPML file is larger than {MaxBytes / 1024} KB";
            return false;
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes * 2L,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sawOpml = false;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                if (reader.Depth == 0)
                {
                    if (!reader.LocalName.Equals("opml", StringComparison.OrdinalIgnoreCase))
                    {
                        error = $"this is not OPML (the document starts with <{reader.LocalName}>, not <opml>)";
                        return false;
                    }
                    sawOpml = true;
                }
                if (reader.Depth > MaxDepth)
                {
                    error = $"the OPML outlines are nested deeper than {MaxDepth} levels";
                    return false;
                }
                if (!reader.LocalName.Equals("outline", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var url = Attribute(reader, "xmlUrl") ?? Attribute(reader, "url");
                if (url is null || !seen.Add(url))
                {
                    continue;
                }
                if (seen.Count > MaxFeeds)
                {
                    error = $"the OPML file lists more than {MaxFeeds} feeds";
                    return false;
                }
                feeds.Add(new OpmlFeed(url, Attribute(reader, "title") ?? Attribute(reader, "text"), Attribute(reader, "newsbotFilter")));
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            error = "the OPML file contains a DTD, which is refused for safety";
            return false;
        }
        catch (XmlException e)
        {
            error = $"the OPML file is not well-formed XML (line {e.LineNumber}: {e.Message.Split('.')[0]})";
            return false;
        }
        if (!sawOpml)
        {
            error = "the file has no <opml> document";
            return false;
        }
        return true;
    }

    public static byte[] Write(string title, IEnumerable<OpmlFeed> feeds, DateTimeOffset created)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("opml");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("head");
            writer.WriteElementString("title", title);
            writer.WriteElementString("dateCreated", created.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteStartElement("body");
            foreach (var feed in feeds)
            {
                writer.WriteStartElement("outline");
                writer.WriteAttributeString("type", "rss");
                writer.WriteAttributeString("text", feed.Title ?? feed.Url);
                writer.WriteAttributeString("title", feed.Title ?? feed.Url);
                writer.WriteAttributeString("xmlUrl", feed.Url);
                if (feed.Filter is not null)
                {
                    writer.WriteAttributeString("newsbotFilter", feed.Filter);
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static string? Attribute(XmlReader reader, string name)
    {
        for (var i = 0; i < reader.AttributeCount; i++)
        {
            reader.MoveToAttribute(i);
            if (reader.LocalName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = reader.Value.Trim();
                reader.MoveToElement();
                return value.Length == 0 ? null : value;
            }
        }
        reader.MoveToElement();
        return null;
    }
}
