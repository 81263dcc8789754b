using System.Text.RegularExpressions;

namespace NewsBot.Telegram;

/// <summary>
/// Reads "/subscribe@NewsBot https://… filter" into (subscribe, "https://… filter"). A command addressed to another
/// bot ("/subscribe@OtherBot") is not ours and yields null, as does any text that is not a command.
/// </summary>
public static partial class TelegramCommandLine
{
    public static (string Name, string Arguments)? Parse(string? text, string? botUsername)
    {
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            return null;
        }
        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        var head = text[1..end];
        var at = head.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? head : head[..at];
        if (at >= 0 && !string.Equals(head[(at + 1)..], botUsername, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (!CommandName().IsMatch(name))
        {
            return null;
        }
        return (name.ToLowerInvariant(), text[end..].Trim());
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,32}$")]
    private static partial Regex CommandName();
}
