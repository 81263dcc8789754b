using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Digests;
using NewsBot.Display;

namespace NewsBot.Telegram;

/// <summary>How posts, digest pages and command replies look in Telegram: HTML within Telegram's limits.</summary>
public static class TelegramRender
{
    private const int MaxTitle = 512;

    /// <summary>The template a post is rendered with: its channel's, or just the title when the post is its media.</summary>
    public static PostTemplate TemplateOf(Post post) =>
        post.Display.MediaOrDefault == MediaMode.Only && post.ShownMedia.Count > 0 ? PostStyles.TitleOnlyTemplate : post.Display.Template();

    /// <summary>
    /// The post through its template (by default the full style: the title as a link, the summary, then source and time),
    /// fitted to <paramref name="limit"/> visible characters: the summary gives way first, then every other value.
    /// </summary>
    public static TelegramText Post(Post post, TimeZoneInfo zone, int limit, PostTemplate? template = null)
    {
        var lines = TemplateRender.Fit(template ?? TemplateOf(post), post.Values(zone), l => Build(l).VisibleLength, limit);
        var text = Build(lines);
        // Only a template of long literals alone can still be too long; cut as text then, never past the limit.
        return text.VisibleLength <= limit ? text : new TelegramText().Text(TextClip.Shorten(text.Plain, limit));
    }

    private static TelegramText Build(IReadOnlyList<IReadOnlyList<Piece>> lines)
    {
        var t = new TelegramText();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                t.Line();
            }
            foreach (var piece in lines[i])
            {
                _ = piece.Kind switch
                {
                    PieceKind.Title => t.Link(piece.Text, piece.Url, bold: true),
                    PieceKind.Link or PieceKind.Source => t.Link(piece.Text, piece.Url),
                    PieceKind.Date => t.Italic(piece.Text),
                    _ => t.Text(piece.Text),
                };
            }
        }
        return t;
    }

    /// <summary>The text used when Telegram refused the HTML: everything visible, with the link spelled out.</summary>
    public static string PlainPost(Post post, TimeZoneInfo zone, int limit, PostTemplate? template = null)
    {
        var url = TelegramText.SafeUrl(post.Url);
        var rendered = Post(post, zone, limit - (url?.Length ?? 0) - 2, template).Plain;
        var text = url is null || rendered.Contains(url, StringComparison.Ordinal) ? rendered : rendered + "\n\n" + url;
        return TelegramText.Shorten(text, limit);
    }

    public static bool Fits(DigestPage page) => Digest(page, TimeZoneInfo.Utc).VisibleLength <= TelegramText.MaxText;

    public static TelegramText Digest(DigestPage page, TimeZoneInfo zone)
    {
        var t = new TelegramText();
        t.Bold(TelegramText.Shorten(page.Heading, 256));
        foreach (var group in page.Groups)
        {
            t.Line().Line().Bold(TelegramText.Shorten(group.Title, 256));
            foreach (var post in group.Entries)
            {
                t.Line().Text("• ").Link(TelegramText.Shorten(post.Title.Trim(), MaxTitle), post.Url);
                var sources = post.AlsoIn.Count == 0 ? post.Source : $"{post.Source}, {string.Join(", ", post.AlsoIn)}";
                t.Text(" — ").Italic(TelegramText.Shorten(sources, 256));
                if (post.Summary.Trim().Length > 0)
                {
                    t.Line().Text(TelegramText.Shorten(post.Summary.Trim(), 600));
                }
            }
        }
        return t;
    }

    /// <summary>A command reply as one or more messages of at most 4096 visible characters, split between blocks.</summary>
    public static List<TelegramText> Reply(CommandReply reply, int limit = TelegramText.MaxText)
    {
        var blocks = new List<TelegramText>();
        foreach (var line in reply.Text.Split('\n'))
        {
            blocks.Add(new TelegramText().Text(TelegramText.Shorten(line, limit - 1)));
        }
        foreach (var a in reply.ArticleList)
        {
            var t = new TelegramText().Line().Text("• ").Link(TelegramText.Shorten(a.Title.Trim(), MaxTitle), a.Url, bold: true);
            if (a.Summary.Trim().Length > 0)
            {
                t.Line().Text(TelegramText.Shorten(a.Summary.Trim(), 1500));
            }
            t.Line().Italic($"{TelegramText.Shorten(a.Source, 128)} · {Time(a.PublishedAt, TimeZoneInfo.Utc)}");
            blocks.Add(t);
        }

        var messages = new List<TelegramText>();
        var current = new TelegramText();
        var empty = true;
        foreach (var block in blocks)
        {
            if (!empty && current.VisibleLength + 1 + block.VisibleLength > limit)
            {
                messages.Add(current);
                current = new TelegramText();
                empty = true;
            }
            if (!empty)
            {
                current.Line();
            }
            current.Append(block);
            empty = false;
        }
        messages.Add(current);
        return messages;
    }

    public static string Time(DateTime utc, TimeZoneInfo zone) => TemplateRender.Date(utc, zone, null);

    public static TimeZoneInfo Zone(string? id) => TimeZones.Find(id);
}
