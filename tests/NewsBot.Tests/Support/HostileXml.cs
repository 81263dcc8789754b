namespace NewsBot.Tests.Support;

/// <summary>Hostile XML shared by the feed and OPML tests, written once so every parser faces the same bomb.</summary>
public static class HostileXml
{
    /// <summary>
    /// The classic entity-expansion bomb: nine levels of ten references, a billion "lol"s (3 GB) if anything expanded it.
    /// <paramref name="body"/> is the document element and uses <c>&amp;lol9;</c> where the expansion should land.
    /// </summary>
    public static string BillionLaughs(string root, string body)
    {
        var levels = Enumerable.Range(1, 9).Select(i =>
            $"  <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">\n");
        return $"<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [\n  <!ENTITY lol \"lol\">\n{string.Concat(levels)}]>\n{body}\n";
    }
}
