using NewsBot.Delivery;

namespace NewsBot.Digests;

/// <summary>One story in a digest: the post to show and every outbox row it stands for (the same story from several feeds).</summary>
public sealed record DigestItem(Post Post, string Group, long RepresentativeId, IReadOnlyList<long> MergedIds)
{
    public int Weight => 1 + Post.AlsoIn.Count;
}

/// <summary>One message to send and the stories it carries, so exactly those rows are marked when it is accepted.</summary>
public sealed record DigestPart(DigestPage Page, IReadOnlyList<DigestItem> Items);

/// <summary>
/// Orders a digest (the stories carried by the most feeds first, groups by their best story) and cuts it into as
/// few messages as the platform allows.
/// </summary>
public static class DigestBuilder
{
    private const int ShortSummary = 280;

    public static List<DigestPart> Paginate(IReadOnlyList<DigestItem> items, string heading, Func<DigestPage, bool> fits)
    {
        var ordered = items
            .GroupBy(i => i.Group, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(i => i.Weight).ThenByDescending(i => i.Post.PublishedAt).ToList())
            .OrderByDescending(g => g[0].Weight).ThenByDescending(g => g.Count).ThenByDescending(g => g[0].Post.PublishedAt)
            .SelectMany(g => g)
            .ToList();

        // Headings carry "(n/m)" once there are several pages; reserve room for it while cutting.
        var probeHeading = heading + " (99/99)";
        var pages = new List<List<DigestItem>>();
        var current = new List<DigestItem>();
        foreach (var item in ordered)
        {
            var candidate = current.Append(item).ToList();
            if (fits(Build(probeHeading, candidate)))
            {
                current = candidate;
                continue;
            }
            if (current.Count > 0)
            {
                pages.Add(current);
            }
            current = [Shrink(item, probeHeading, fits)];
        }
        if (current.Count > 0)
        {
            pages.Add(current);
        }
        return pages.Select((p, n) => new DigestPart(Build(pages.Count == 1 ? heading : $"{heading} ({n + 1}/{pages.Count})", p), p)).ToList();
    }

    public static DigestPage Build(string heading, IReadOnlyList<DigestItem> items) =>
        new(heading, items.GroupBy(i => i.Group, StringComparer.Ordinal).Select(g => new DigestGroup(g.Key, g.Select(i => i.Post).ToList())).ToList());

    /// <summary>A story too long for a message on its own keeps its title and link and a shorter summary.</summary>
    private static DigestItem Shrink(DigestItem item, string heading, Func<DigestPage, bool> fits)
    {
        if (fits(Build(heading, [item])))
        {
            return item;
        }
        var summary = item.Post.Summary;
        var shorter = item with { Post = item.Post with { Summary = summary.Length > ShortSummary ? summary[..(ShortSummary - 1)] + "…" : summary } };
        return fits(Build(heading, [shorter])) ? shorter : item with { Post = item.Post with { Summary = "" } };
    }
}
