using System.Globalization;
using System.Text;

namespace NewsBot.Routing;

/// <summary>
/// One comparable form of text for matching: NFKC (full-width letters and digits become ASCII), case folded,
/// whitespace runs collapsed, so "ＡＩ", "Ai" and "ai" are one word.
/// </summary>
public static class TextFold
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Han, kana and hangul: scripts written without spaces, matched as substrings.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30FF'      // kana
        or >= '\u3400' and <= '\u4DBF'         // CJK extension A
        or >= '\u4E00' and <= '\u9FFF'         // CJK unified ideographs
        or >= '\uAC00' and <= '\uD7AF'         // hangul syllables
        or >= '\uF900' and <= '\uFAFF';        // compatibility ideographs

    /// <summary>A letter or digit of a space-separated script: a match must not start or end inside a run of these.</summary>
    public static bool IsWordChar(char c) =>
        !IsCjk(c) && (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark);
}
