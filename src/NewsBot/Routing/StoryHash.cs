using System.Numerics;

namespace NewsBot.Routing;

/// <summary>
/// The stored 64-bit SimHash of an article's story (see <see cref="StoryKey"/>), and a hash-only judgement for callers
/// that have nothing else. Hash-only is stricter than <see cref="StoryKey.SameStory"/> and still cannot tell template
/// stories that differ only in numbers apart; callers that have the text should compare keys.
/// </summary>
public static class StoryHash
{
    /// <summary>At most this many differing bits counts as the same story when only hashes are compared.</summary>
    public const int SameStoryDistance = 10;

    public static long? Of(string? title, string? summary) => StoryKey.Of(title, summary).Hash;

    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    public static bool SameStory(long? a, long? b) => a is { } x && b is { } y && Distance(x, y) <= SameStoryDistance;
}
