using System.Security.Cryptography;
using System.Text;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Feeds;

/// <summary>
/// The stable identity of an item within its feed: guid/id, else link, else title and content. Dates and the
/// item's position never enter it, so a re-dated or re-ordered item is still the same item.
/// </summary>
public static class DedupeKey
{
    /// <returns>32 lowercase hex characters (the first 128 bits of SHA-256 over a normalized form).</returns>
    public static string For(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string basis;
        if (!string.IsNullOrWhiteSpace(item.Id))
            basis = "id\n" + item.Id.Trim();
        else if (!string.IsNullOrWhiteSpace(item.Link))
            basis = "link\n" + NormalizeLink(item.Link);
        else
            basis = "text\n" + HtmlText.CollapseWhitespace(item.Title ?? "") + "\n" + HtmlText.CollapseWhitespace(item.Text.Length > 0 ? item.Text : HtmlText.Inline(item.ContentHtml ?? item.SummaryHtml));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(basis), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Scheme and host are case-insensitive; a trailing fragment never names another article.</summary>
    private static string NormalizeLink(string link)
    {
        string s = link.Trim();
        if (Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            return u.GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return s;
    }
}
