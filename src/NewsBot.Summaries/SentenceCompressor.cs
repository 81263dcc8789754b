using System.Text.RegularExpressions;

namespace NewsBot.Summaries;

/// <summary>
/// Shortens a Latin-script news sentence the way an editor writing a brief does: a trailing
/// attribution (", fire officials said.", ", according to the Economic Policy Institute.") and an
/// acronym in parentheses ("(CPSC)") go, so the budget holds more of the news itself.
/// </summary>
/// <remarks>
/// Only sentences that read as reported fact are touched: a quotation keeps its speaker, and what
/// remains must still be a sentence of some length. CJK text is left as it is.
/// </remarks>
internal static partial class SentenceCompressor
{
    // What is left must still carry the news: at least this many words.
    private const int MinimumWords = 6;

    public static ReadOnlyMemory<char> Compress(ReadOnlyMemory<char> sentence)
    {
        var span = sentence.Span;
        if (span.Length < 40 || span.IndexOfAny(NotForCompression) >= 0 || span.ContainsAnyInRange('\u2E80', '\uFFEF'))
        {
            return sentence;
        }

        var text = span.ToString();
        var compressed = Acronym().Replace(text, "");
        var attribution = TrailingAttribution().Match(compressed);
        if (attribution.Success && WordCount(compressed.AsSpan(0, attribution.Index)) >= MinimumWords)
        {
            compressed = string.Concat(compressed.AsSpan(0, attribution.Index), attribution.Groups["end"].ValueSpan);
        }

        return compressed.Length == text.Length ? sentence : compressed.AsMemory();
    }

    private static readonly System.Buffers.SearchValues<char> NotForCompression = System.Buffers.SearchValues.Create("\"“”«»");

    private static int WordCount(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words;
    }

    // ", officials said." / ", the canal authority said on Tuesday." / ", according to the agency."
    [GeneratedRegex(@",\s+(according to\s+[^,;:]{2,60}|([\p{L}\p{N}.'’-]+\s+){0,7}(said|says|reported|announced|estimated|added|told reporters)(\s+(on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|in a statement))?)\s*(?<end>[.!?])$")]
    private static partial Regex TrailingAttribution();

    // "the Consumer Product Safety Commission (CPSC)": the spelled-out name already says it.
    [GeneratedRegex(@"\s\((\p{Lu}[\p{Lu}&.]{1,8}|\p{Lu}\p{Ll}\p{Lu}{1,4})\)(?=[\s,.;:!?])")]
    private static partial Regex Acronym();
}
