using System.Globalization;
using NewsBot.Commands;
using NewsBot.Delivery;

namespace NewsBot.Telegram;

/// <summary>How posts, digest pages and command replies look in Telegram: HTML within Telegram's limits.</summary>
public static class TelegramRender
{
    private const int MaxTitle = 512;

    /// <summary>The title as a link, the summary, then source and time; the summary is shortened to fit <paramref name="limit"/>.</summary>
    public static TelegramText Post(Post post, TimeZoneInfo zone, int limit)
    {
        var full = PostWith(post, post.Summary, zone);
        if (full.VisibleLength <= limit)
        {
            return full;
        }
        var withoutSummary = PostWith(post, "", zone).VisibleLength;
        var room = limit - withoutSummary - 2;
        return PostWith(post, room > 0 ? TelegramText.Shorten(post.Summary, room) : "", zone);
    }

    private static TelegramText PostWith(Post post, string summary, TimeZoneInfo zone)
    {
        var t = new TelegramText();
        t.Link(TelegramText.Shorten(post.Title.Trim(), MaxTitle), post.Url, bold: true);
        if (summary.Trim().Length > 0)
        {
            t.Line().Line().Text(summary.Trim());
        }
        t.Line().Line().Text("📰 ");
        t.Link(TelegramText.Shorten(post.Source, 128), post.SourceUrl);
        if (post.AlsoIn.Count > 0)
        {
            t.Text(" + " + TelegramText.Shorten(string.Join(", ", post.AlsoIn), 256));
        }
        t.Text(" · ").Italic(Time(post.PublishedAt, zone));
        return t;
    }

    /// <summary>The text used when Telegram refused the HTML: everything visible, with the link spelled out.</summary>
    public static string PlainPost(Post post, TimeZoneInfo zone, int limit)
    {
        var rendered = Post(post, zone, limit - (post.Url?.Length ?? 0) - 2).Plain;
        var url = TelegramText.SafeUrl(post.Url);
        var text = url is null ? rendered : rendered + "\n\n" + url;
        return TelegramText.Shorten(text, limit);
    }

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

    public static string Time(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var name = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + name;
    }

    public static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id == "UTC")
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
