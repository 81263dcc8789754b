using System.Text.RegularExpressions;

namespace NewsBot.Summaries;

/// <summary>
/// Shortens a Latin-script news sentence the way an editor writing a brief does: the day or "in a statement" after a
/// trailing attribution (", the agency said on Tuesday.") and an acronym in parentheses ("(CPSC)") go, so the budget
/// holds more of the news itself.
/// </summary>
/// <remarks>
/// The attribution itself stays: "X happened, police said" and "X happened" are different claims, and a reader must be
/// able to tell who says so. Sentences with quotation marks are left alone, and so is CJK text.
/// </remarks>
internal static partial class SentenceCompressor
{
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
        if (attribution.Success && attribution.Groups["when"].Success)
        {
            var when = attribution.Groups["when"];
            compressed = string.Concat(compressed.AsSpan(0, when.Index), compressed.AsSpan(when.Index + when.Length));
        }

        return compressed.Length == text.Length ? sentence : compressed.AsMemory();
    }

    private static readonly System.Buffers.SearchValues<char> NotForCompression = System.Buffers.SearchValues.Create("\"“”«»");

    // ", officials said." / ", the canal authority said on Tuesday." / ", according to the agency."
    [GeneratedRegex(@",\s+(according to\s+[^,;:]{2,60}|([\p{L}\p{N}.'’-]+\s+){0,7}(said|says|reported|announced|estimated|added|told reporters)(?<when>\s+(on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|in a statement))?)\s*(?<end>[.!?])$")]
    private static partial Regex TrailingAttribution();

    // "the Consumer Product Safety Commission (CPSC)": the spelled-out name already says it.
    [GeneratedRegex(@"\s\((\p{Lu}[\p{Lu}&.]{1,8}|\p{Lu}\p{Ll}\p{Lu}{1,4})\)(?=[\s,.;:!?])")]
    private static partial Regex Acronym();
}
