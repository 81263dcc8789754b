using System.Globalization;
using System.Text;

namespace NewsBot.Tests.Telegram;

/// <summary>
/// Telegram's HTML parse mode, as its Bot API documents it: only the listed tags (and their attributes), properly
/// nested, the four named entities plus numeric ones, and nothing bare that looks like markup. Returns the
/// visible text (what the limits count) or the error Telegram would give.
/// </summary>
public static class TelegramHtmlRules
{
    private static readonly HashSet<string> Tags = ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"];

    public static (string? Visible, string? Error) Parse(string html)
    {
        var visible = new StringBuilder();
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    return (null, $"Unclosed start tag at byte offset {i}");
                }
                var tag = html[(i + 1)..end];
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim().ToLowerInvariant();
                    if (open.Count == 0 || open.Peek() != name)
                    {
                        return (null, $"Unexpected end tag \"{name}\" at byte offset {i}");
                    }
                    open.Pop();
                }
                else
                {
                    var nameEnd = 0;
                    while (nameEnd < tag.Length && (char.IsAsciiLetterOrDigit(tag[nameEnd]) || tag[nameEnd] == '-'))
                    {
                        nameEnd++;
                    }
                    var name = tag[..nameEnd].ToLowerInvariant();
                    if (!Tags.Contains(name))
                    {
                        return (null, $"Unsupported start tag \"{name}\" at byte offset {i}");
                    }
                    if (AttributeError(name, tag[nameEnd..].Trim()) is { } bad)
                    {
                        return (null, $"{bad} at byte offset {i}");
                    }
                    if (name == "a" && open.Contains("a"))
                    {
                        return (null, "Nested links are not allowed");
                    }
                    open.Push(name);
                }
                i = end + 1;
            }
            else if (c == '&')
            {
                var (ch, length, error) = Entity(html, i);
                if (error is not null)
                {
                    return (null, $"{error} at byte offset {i}");
                }
                visible.Append(ch);
                i += length;
            }
            else if (c == '>')
            {
                return (null, $"Character '>' is reserved and must be escaped at byte offset {i}");
            }
            else
            {
                visible.Append(c);
                i++;
            }
        }
        if (open.Count > 0)
        {
            return (null, $"Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        }
        return (visible.ToString(), null);
    }

    private static (string Char, int Length, string? Error) Entity(string html, int at)
    {
        var semi = html.IndexOf(';', at);
        if (semi < 0 || semi - at > 12)
        {
            return ("", 0, "Character '&' is reserved and must be escaped as &amp;");
        }
        var name = html[(at + 1)..semi];
        var length = semi - at + 1;
        switch (name)
        {
            case "lt": return ("<", length, null);
            case "gt": return (">", length, null);
            case "amp": return ("&", length, null);
            case "quot": return ("\"", length, null);
        }
        if (name.StartsWith("#x", StringComparison.OrdinalIgnoreCase) && int.TryParse(name[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) && hex is > 0 and <= 0x10FFFF)
        {
            return (char.ConvertFromUtf32(hex), length, null);
        }
        if (name.StartsWith('#') && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) && dec is > 0 and <= 0x10FFFF)
        {
            return (char.ConvertFromUtf32(dec), length, null);
        }
        return ("", 0, $"Unsupported HTML entity \"&{name};\"");
    }

    private static string? AttributeError(string tag, string attributes)
    {
        if (attributes.Length == 0)
        {
            return tag is "a" ? "Tag \"a\" must have attribute href" : tag == "span" ? "Tag \"span\" must have class \"tg-spoiler\"" : tag == "tg-emoji" ? "Tag \"tg-emoji\" must have attribute emoji-id" : null;
        }
        var (name, value, error) = Attribute(attributes);
        if (error is not null)
        {
            return error;
        }
        return (tag, name) switch
        {
            ("a", "href") when value.Length > 0 => null,
            ("span", "class") when value == "tg-spoiler" => null,
            ("code", "class") when value.StartsWith("language-", StringComparison.Ordinal) => null,
            ("blockquote", "expandable") => null,
            ("tg-emoji", "emoji-id") => null,
            _ => $"Unsupported attribute \"{name}\" in tag \"{tag}\"",
        };
    }

    private static (string Name, string Value, string? Error) Attribute(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return (text.ToLowerInvariant(), "", text.Contains(' ', StringComparison.Ordinal) ? "Only one attribute is expected" : null);
        }
        var name = text[..eq].Trim().ToLowerInvariant();
        var raw = text[(eq + 1)..].Trim();
        if (raw.Length < 2 || (raw[0] != '"' && raw[0] != '\'') || raw[^1] != raw[0] || raw[1..^1].Contains(raw[0]))
        {
            return (name, "", $"Attribute \"{name}\" must be one quoted value");
        }
        var value = new StringBuilder();
        var inner = raw[1..^1];
        for (var i = 0; i < inner.Length;)
        {
            if (inner[i] == '&')
            {
                var (ch, length, error) = Entity(inner, i);
                if (error is not null)
                {
                    return (name, "", error);
                }
                value.Append(ch);
                i += length;
            }
            else if (inner[i] is '<' or '>')
            {
                return (name, "", "Characters '<' and '>' must be escaped in attribute values");
            }
            else
            {
                value.Append(inner[i++]);
            }
        }
        return (name, value.ToString(), null);
    }
}
