using System.Globalization;
using System.Text;

namespace NewsBot.Display;

/// <summary>What a piece of a rendered line is, so each platform can mark it up its own way.</summary>
public enum PieceKind
{
    /// <summary>The template's own text, as the admin wrote it (Discord keeps its Markdown).</summary>
    Literal,
    /// <summary>A value from the feed.</summary>
    Text,
    /// <summary>The headline, linking to the article.</summary>
    Title,
    /// <summary>The article's address, shown.</summary>
    Link,
    /// <summary>The feed's name, linking to the site.</summary>
    Source,
    Date,
}

public readonly record struct Piece(string Text, PieceKind Kind, string? Url = null);

/// <summary>The article's values as a template shows them, before any length cap.</summary>
public sealed record PostValues(
    string Title,
    string? Url,
    string Summary,
    string Text,
    string Source,
    string? SourceUrl,
    IReadOnlyList<string> AlsoIn,
    string? Author,
    DateTime PublishedUtc,
    IReadOnlyList<string> Categories,
    TimeZoneInfo Zone,
    int? SummaryLength);

/// <summary>
/// Renders a template into lines of pieces and fits them into a platform's limit: first the summary and text give way,
/// then every other value, so a post always goes out within the limit, whatever the template and the article.
/// </summary>
public static class TemplateRender
{
    public const int TitleChars = 512;
    public const int SourceChars = 128;
    public const int AlsoInChars = 256;
    public const int AuthorChars = 128;
    public const int CategoryChars = 200;
    public const int MaxCategories = 10;

    public static IReadOnlyList<IReadOnlyList<Piece>> Fit(PostTemplate template, PostValues values, Func<IReadOnlyList<IReadOnlyList<Piece>>, int> measure, int limit)
    {
        var lines = FitRendered(template, values, measure, limit);
        // A post is never empty, whatever the template shows of this article: platforms refuse empty messages.
        return lines.Any(l => l.Any(p => p.Text.Trim().Length > 0))
            ? lines
            : [[new Piece(TextClip.Shorten(OneLine(values.Title) is { Length: > 0 } t ? t : "(untitled)", Math.Min(limit, TitleChars)), PieceKind.Title, values.Url)]];
    }

    private static IReadOnlyList<IReadOnlyList<Piece>> FitRendered(PostTemplate template, PostValues values, Func<IReadOnlyList<IReadOnlyList<Piece>>, int> measure, int limit)
    {
        var full = Render(template, values, int.MaxValue, int.MaxValue);
        if (measure(full) <= limit)
        {
            return full;
        }
        var flexMax = Math.Max(values.Summary.Length, values.Text.Length);
        if (measure(Render(template, values, 0, int.MaxValue)) <= limit)
        {
            return Render(template, values, Largest(0, flexMax, f => measure(Render(template, values, f, int.MaxValue)) <= limit), int.MaxValue);
        }
        var other = Largest(0, Math.Max(TitleChars, values.Url?.Length ?? 0), o => measure(Render(template, values, 0, o)) <= limit);
        return Render(template, values, 0, other);
    }

    /// <summary>The largest n in [lo, hi] with fits(n), given fits is monotone and fits(lo) holds or nothing fits.</summary>
    private static int Largest(int lo, int hi, Func<int, bool> fits)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo + 1) / 2);
            if (fits(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /// <param name="flex">The most characters of summary and text.</param>
    /// <param name="other">The most characters of each other value.</param>
    public static IReadOnlyList<IReadOnlyList<Piece>> Render(PostTemplate template, PostValues values, int flex, int other)
    {
        var lines = new List<IReadOnlyList<Piece>>();
        foreach (var line in template.Lines)
        {
            var pieces = new List<Piece>();
            var fields = 0;
            var shown = 0;
            foreach (var part in line)
            {
                if (part.IsLiteral)
                {
                    pieces.Add(new Piece(part.Literal!, PieceKind.Literal));
                    continue;
                }
                fields++;
                var before = pieces.Count;
                Add(pieces, part, values, flex, other);
                if (pieces.Count > before)
                {
                    shown++;
                }
            }
            if (fields > 0 && shown == 0)
            {
                continue;
            }
            if (pieces.Count == 0 && lines.Count > 0 && lines[^1].Count == 0)
            {
                continue;
            }
            lines.Add(pieces);
        }
        while (lines.Count > 0 && lines[^1].Count == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        while (lines.Count > 0 && lines[0].Count == 0)
        {
            lines.RemoveAt(0);
        }
        return lines;
    }

    private static void Add(List<Piece> pieces, TemplatePart part, PostValues v, int flex, int other)
    {
        int Cap(int own) => Math.Min(Math.Min(own, part.Cap ?? int.MaxValue), other);
        switch (part.Field)
        {
            case Field.Title:
                Put(pieces, OneLine(v.Title), Cap(TitleChars), PieceKind.Title, v.Url);
                break;
            case Field.Summary:
                Put(pieces, v.Summary.Trim(), Math.Min(Math.Min(part.Cap ?? int.MaxValue, v.SummaryLength ?? int.MaxValue), flex), PieceKind.Text);
                break;
            case Field.Text:
                Put(pieces, v.Text.Trim(), Math.Min(part.Cap ?? int.MaxValue, flex), PieceKind.Text);
                break;
            case Field.Link:
                if (v.Url is { Length: > 0 } url)
                {
                    Put(pieces, url, Math.Min(other, url.Length), PieceKind.Link, url);
                }
                break;
            case Field.Source:
                if (Put(pieces, OneLine(v.Source), Cap(SourceChars), PieceKind.Source, v.SourceUrl) && v.AlsoIn.Count > 0)
                {
                    Put(pieces, " + " + OneLine(string.Join(", ", v.AlsoIn)), Cap(AlsoInChars), PieceKind.Text);
                }
                break;
            case Field.Author:
                Put(pieces, OneLine(v.Author ?? ""), Cap(AuthorChars), PieceKind.Text);
                break;
            case Field.Date:
                Put(pieces, Date(v.PublishedUtc, v.Zone, part.DateFormat), Cap(PostTemplate.MaxDateChars + 40), PieceKind.Date);
                break;
            case Field.Categories:
                Put(pieces, Hashtags(v.Categories), Cap(CategoryChars), PieceKind.Text);
                break;
        }
    }

    private static bool Put(List<Piece> pieces, string text, int max, PieceKind kind, string? url = null)
    {
        if (text.Length == 0 || max <= 0)
        {
            return false;
        }
        var shown = TextClip.Shorten(text, max);
        if (shown.Length == 0 || shown == "…")
        {
            return false;
        }
        pieces.Add(new Piece(shown, kind, url));
        return true;
    }

    public static string Date(DateTime utc, TimeZoneInfo zone, string? format)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        if (format is not null)
        {
            return local.ToString(format, CultureInfo.InvariantCulture);
        }
        var name = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
        return local.ToString(PostTemplate.DefaultDateFormat, CultureInfo.InvariantCulture) + " " + name;
    }

    /// <summary>Categories as hashtags: letters, digits and underscores only (what both platforms link), each once.</summary>
    public static string Hashtags(IReadOnlyList<string> categories)
    {
        var tags = new List<string>();
        foreach (var category in categories)
        {
            var sb = new StringBuilder(category.Length);
            foreach (var c in category.Trim())
            {
                if (char.IsLetterOrDigit(c) || c == '_')
                {
                    sb.Append(c);
                }
                else if ((char.IsWhiteSpace(c) || c is '-' or '.' or '/') && sb.Length > 0 && sb[^1] != '_')
                {
                    sb.Append('_');
                }
            }
            var tag = sb.ToString().Trim('_');
            if (tag.Length > 0 && !tag.All(char.IsDigit) && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
            if (tags.Count == MaxCategories)
            {
                break;
            }
        }
        return string.Join(' ', tags.Select(t => "#" + t));
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>The visible text of rendered lines, as the plain-text forms of both platforms show it.</summary>
    public static string Plain(IReadOnlyList<IReadOnlyList<Piece>> lines) => string.Join('\n', lines.Select(l => string.Concat(l.Select(p => p.Text))));
}
