using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Discord;

namespace NewsBot.DiscordBot;

/// <summary>
/// Posts, digest pages and command articles as Discord embeds, always inside Discord's limits: every field is cut
/// to its own limit, and the description gives way first when the whole message would pass 6000 characters.
/// </summary>
public static class PostEmbeds
{
    /// <summary>The side bar colour of news posts.</summary>
    private const int Colour = 0x2B6CB0;
    private const int DigestSummaryChars = 300;

    public static Embed ForPost(Post post)
    {
        var footer = post.AlsoIn.Count == 0 ? null : Clip("Also in: " + string.Join(", ", post.AlsoIn), 300);
        var embed = new Embed
        {
            Title = Clip(OneLine(post.Title), DiscordLimits.EmbedTitle),
            Url = HttpUrl(post.Url),
            Timestamp = new DateTimeOffset(DateTime.SpecifyKind(post.PublishedAt, DateTimeKind.Utc)),
            Color = Colour,
            Author = post.Source.Length == 0 ? null : new EmbedAuthor { Name = Clip(OneLine(post.Source), DiscordLimits.AuthorName), Url = HttpUrl(post.SourceUrl) },
            Footer = footer is null ? null : new EmbedFooter { Text = footer },
            Image = HttpUrl(post.ImageUrl) is { } image ? new EmbedMedia { Url = image } : null,
        };
        var room = DiscordLimits.EmbedTotal - DiscordLimits.EmbedLength(embed);
        embed.Description = post.Summary.Length == 0 ? null : Clip(post.Summary, Math.Min(DiscordLimits.EmbedDescription, room));
        return embed;
    }

    /// <summary>One embed per group; each story a field. Null when the page cannot be one message.</summary>
    public static List<Embed>? ForDigest(DigestPage page)
    {
        if (page.Groups.Count is 0 or > DiscordLimits.EmbedsPerMessage || page.Groups.Any(g => g.Entries.Count > DiscordLimits.EmbedFields))
        {
            return null;
        }
        var embeds = page.Groups.Select((group, i) => new Embed
        {
            Title = Clip(OneLine(i == 0 ? $"{page.Heading} — {group.Title}" : group.Title), DiscordLimits.EmbedTitle),
            Color = Colour,
            Fields = group.Entries.Select(DigestField).ToList(),
        }).ToList();
        return DiscordLimits.Check(null, embeds) is null ? embeds : null;
    }

    /// <summary>Articles of a command reply (preview, news): as many as fit one message.</summary>
    public static List<Embed> ForArticles(IEnumerable<ReplyArticle> articles, int budget = DiscordLimits.EmbedTotal)
    {
        var embeds = new List<Embed>();
        foreach (var a in articles.Take(DiscordLimits.EmbedsPerMessage))
        {
            var embed = ForPost(new Post(a.Title, a.Url, "", a.Source, null, a.PublishedAt, null, null, []));
            var used = embeds.Sum(DiscordLimits.EmbedLength) + DiscordLimits.EmbedLength(embed);
            if (used > budget)
            {
                break;
            }
            var room = Math.Min(DiscordLimits.EmbedDescription, budget - used);
            embed.Description = a.Summary.Length == 0 || room < 20 ? null : Clip(a.Summary, Math.Min(room, 1000));
            embeds.Add(embed);
        }
        return embeds;
    }

    private static EmbedField DigestField(Post post)
    {
        var sources = post.AlsoIn.Count == 0 ? post.Source : $"{post.Source}, {string.Join(", ", post.AlsoIn)}";
        var lines = new List<string>();
        if (post.Summary.Length > 0)
        {
            lines.Add(Clip(post.Summary, DigestSummaryChars));
        }
        var link = HttpUrl(post.Url);
        lines.Add(link is null ? Clip(sources, 200) : $"[{Clip(EscapeLinkText(sources), 200)}]({link})");
        return new EmbedField
        {
            Name = Clip(OneLine(post.Title), DiscordLimits.FieldName),
            Value = Clip(string.Join("\n", lines), DiscordLimits.FieldValue),
        };
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters, with an ellipsis, never splitting a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        if (max <= 1)
        {
            return max <= 0 ? "" : "…";
        }
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut] + "…";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim() is { Length: > 0 } t ? t : "(untitled)";

    private static string EscapeLinkText(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);

    /// <summary>Discord refuses non-http(s) URLs in embeds with 50035; such links are left out rather than failing the post.</summary>
    internal static string? HttpUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.AbsoluteUri : null;
}
