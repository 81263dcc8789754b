using System.Globalization;

namespace NewsBot.Summaries;

/// <summary>
/// Lengths as a reader sees them: one per user-perceived character (text element), so a CJK
/// character, an emoji or an accented letter each count once, whatever their UTF-16 length.
/// </summary>
public static class TextLength
{
    /// <summary>The number of text elements in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        if (IsSimple(text))
        {
            return text.Length;
        }

        var count = 0;
        while (!text.IsEmpty)
        {
            text = text[StringInfo.GetNextTextElementLength(text)..];
            count++;
        }

        return count;
    }

    /// <summary>The UTF-16 length of the longest prefix holding at most <paramref name="elements"/> text elements.</summary>
    public static int PrefixLength(ReadOnlySpan<char> text, int elements)
    {
        if (elements <= 0)
        {
            return 0;
        }

        if (IsSimple(text))
        {
            return Math.Min(elements, text.Length);
        }

        var length = 0;
        for (var i = 0; i < elements && length < text.Length; i++)
        {
            length += StringInfo.GetNextTextElementLength(text[length..]);
        }

        return length;
    }

    // Fast path: without surrogates, combining marks or joiners every UTF-16 unit is one element.
    private static bool IsSimple(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < '\u0300')
            {
                continue;
            }

            if (char.IsSurrogate(c) || c is '\u200D' or (>= '\uFE00' and <= '\uFE0F'))
            {
                return false;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                return false;
            }
        }

        return true;
    }
}
