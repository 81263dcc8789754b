using System.Text;

namespace NewsBot.Telegram;

/// <summary>
/// Builds a message in Telegram's HTML parse mode and, alongside, what Telegram will count: the text after entity
/// parsing, in UTF-16 code units, the unit Telegram's limits (4096 text, 1024 caption) and entity offsets use.
/// Everything from outside goes through <see cref="Escape"/>; only b, i and a href tags are ever written.
/// </summary>
public sealed class TelegramText
{
    public const int MaxText = 4096;
    public const int MaxCaption = 1024;

    private readonly StringBuilder _html = new();
    private readonly StringBuilder _plain = new();

    public string Html => _html.ToString();

    /// <summary>The visible text, as a person (and the plain-text fallback) sees it.</summary>
    public string Plain => _plain.ToString();

    public int VisibleLength => _plain.Length;

    public TelegramText Text(string text)
    {
        text = Clean(text);
        _html.Append(Escape(text));
        _plain.Append(text);
        return this;
    }

    public TelegramText Line() => Text("\n");

    /// <summary>Appends another message's content; both halves were built escaped and balanced, so the result is too.</summary>
    public TelegramText Append(TelegramText other)
    {
        _html.Append(other._html);
        _plain.Append(other._plain);
        return this;
    }

    public TelegramText Bold(string text)
    {
        text = Clean(text);
        if (text.Length == 0)
        {
            return this;
        }
        _html.Append("<b>").Append(Escape(text)).Append("</b>");
        _plain.Append(text);
        return this;
    }

    public TelegramText Italic(string text)
    {
        text = Clean(text);
        if (text.Length == 0)
        {
            return this;
        }
        _html.Append("<i>").Append(Escape(text)).Append("</i>");
        _plain.Append(text);
        return this;
    }

    /// <summary>A link when the URL is one Telegram accepts (absolute http/https), plain text otherwise.</summary>
    public TelegramText Link(string text, string? url, bool bold = false)
    {
        text = Clean(text);
        if (text.Length == 0)
        {
            return this;
        }
        if (SafeUrl(url) is not { } href)
        {
            return bold ? Bold(text) : Text(text);
        }
        if (bold)
        {
            _html.Append("<b>");
        }
        _html.Append("<a href=\"").Append(Escape(href)).Append("\">").Append(Escape(text)).Append("</a>");
        if (bold)
        {
            _html.Append("</b>");
        }
        _plain.Append(text);
        return this;
    }

    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && url!.Length <= 2048
            ? u.AbsoluteUri
            : null;

    /// <summary>The four named entities Telegram knows; nothing else may be escaped by name.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Cuts to at most <paramref name="max"/> UTF-16 units without splitting a surrogate pair, ending with an ellipsis.</summary>
    public static string Shorten(string text, int max) => Display.TextClip.Shorten(text, max);

    /// <summary>Control characters (other than newlines and tabs) and lone surrogates make Telegram reject a message.</summary>
    private static string Clean(string text)
    {
        var needs = false;
        for (var i = 0; i < text.Length && !needs; i++)
        {
            var c = text[i];
            needs = (char.IsControl(c) && c != '\n' && c != '\t')
                || (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])))
                || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])));
        }
        if (!needs)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (!char.IsControl(c) || c == '\n' || c == '\t')
            {
                sb.Append(c);
            }
            else if (c == '\r')
            {
                continue;
            }
            else
            {
                sb.Append(' ');
            }
        }
        return sb.ToString();
    }
}
