namespace NewsBot.Summaries;

/// <summary>Character classes the splitter, tokenizers and detector share.</summary>
internal static class Script
{
    /// <summary>Han ideographs (CJK Unified, Extension A, compatibility).</summary>
    public static bool IsHan(char c)
        => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    public static bool IsKana(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF');

    public static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7AF') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    /// <summary>Scripts written without spaces between words, where each character is a token.</summary>
    public static bool IsCjk(char c) => IsHan(c) || IsKana(c) || IsHangul(c);
}
