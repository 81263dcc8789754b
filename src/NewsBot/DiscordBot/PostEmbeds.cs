using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Discord;
using NewsBot.Display;

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

    /// <summary>Discord shows up to four embeds that share a URL as one post with an image gallery.</summary>
    public const int GalleryImages = 4;

    /// <summary>
    /// A post's embeds under its display settings: the full style is the rich embed (title, author, summary, time); any
    /// other template fills the description as Markdown; media "only" is the title and the picture. Two or more images
    /// make a gallery. <paramref name="imageUrls"/> replaces the article's image URLs (uploaded attachments).
    /// </summary>
    public static List<Embed> ForPost(Post post, TimeZoneInfo? zone = null, IReadOnlyList<string>? imageUrls = null)
    {
        var display = post.Display;
        var images = imageUrls ?? post.ShownMedia.Where(m => m.Kind == MediaKind.Image).Select(m => HttpUrl(m.Url)).OfType<string>().Take(GalleryImages).ToList();
        var only = display.MediaOrDefault == MediaMode.Only && images.Count > 0;
        Embed embed;
        if (only || PostStyles.IsFull(display.Format))
        {
            embed = Rich(post, images.Count > 0 ? images[0] : null, summary: !only);
        }
        else
        {
            embed = new Embed { Url = HttpUrl(post.Url), Color = Colour, Image = images.Count > 0 ? new EmbedMedia { Url = images[0] } : null };
            var lines = TemplateRender.Fit(display.Template(), post.Values(zone ?? TimeZoneInfo.Utc), l => DiscordMarkdown.Render(l).Length,
                Math.Min(DiscordLimits.EmbedDescription, DiscordLimits.EmbedTotal - 1));
            embed.Description = Clip(DiscordMarkdown.Render(lines), DiscordLimits.EmbedDescription) is { Length: > 0 } d ? d : Clip(OneLine(post.Title), DiscordLimits.EmbedDescription);
        }
        var embeds = new List<Embed> { embed };
        // The gallery's other pictures ride on embeds that share the post's URL; without a URL Discord shows them apart.
        if (embed.Url is { } url)
        {
            embeds.AddRange(images.Skip(1).Select(image => new Embed { Url = url, Image = new EmbedMedia { Url = image } }));
        }
        return embeds;
    }

    private static Embed Rich(Post post, string? image, bool summary)
    {
        var footer = post.AlsoIn.Count == 0 ? null : Clip("Also in: " + string.Join(", ", post.AlsoIn), 300);
        var source = post.Display.Title ?? post.Source;
        var embed = new Embed
        {
            Title = Clip(OneLine(post.Title), DiscordLimits.EmbedTitle),
            Url = HttpUrl(post.Url),
            Timestamp = new DateTimeOffset(DateTime.SpecifyKind(post.PublishedAt, DateTimeKind.Utc)),
            Color = Colour,
            Author = source.Length == 0 ? null : new EmbedAuthor { Name = Clip(OneLine(source), DiscordLimits.AuthorName), Url = HttpUrl(post.SourceUrl) },
            Footer = footer is null ? null : new EmbedFooter { Text = footer },
            Image = image is null ? null : new EmbedMedia { Url = image },
        };
        var text = post.Display.SummaryLength is { } most ? Clip(post.Summary, most) : post.Summary;
        var room = DiscordLimits.EmbedTotal - DiscordLimits.EmbedLength(embed);
        embed.Description = !summary || text.Length == 0 ? null : Clip(text, Math.Min(DiscordLimits.EmbedDescription, room));
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
            var embed = Rich(new Post(a.Title, a.Url, "", a.Source, null, a.PublishedAt, null, null, []), null, summary: false);
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
