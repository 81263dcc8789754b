using System.Numerics;

namespace NewsBot.Routing;

/// <summary>
/// A 64-bit SimHash of an article's title and summary: the same wire story carried by several feeds, with small
/// edits, lands within a few bits. Shingles are pairs of adjacent Latin words and adjacent CJK characters
/// (bigrams), so word order matters and Chinese needs no segmenter.
/// </summary>
public static class StoryHash
{
    /// <summary>At most this many differing bits counts as the same story.</summary>
    public const int SameStoryDistance = 10;

    /// <summary>Too few shingles make every short headline look alike; those get no hash and are never merged.</summary>
    private const int MinShingles = 6;

    public static long? Of(string? title, string? summary)
    {
        // The title counts twice: it is what editors keep when they rewrite the body.
        var shingles = Shingles(TextFold.Fold(title)).Concat(Shingles(TextFold.Fold(title))).Concat(Shingles(TextFold.Fold(summary))).ToList();
        if (shingles.Count < MinShingles)
        {
            return null;
        }
        Span<int> weights = stackalloc int[64];
        foreach (var shingle in shingles)
        {
            var h = Hash(shingle);
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
            }
        }
        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }
        return unchecked((long)result);
    }

    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    public static bool SameStory(long? a, long? b) => a is { } x && b is { } y && Distance(x, y) <= SameStoryDistance;

    internal static IEnumerable<string> Shingles(string folded)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (TextFold.IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && TextFold.IsCjk(folded[i]))
                {
                    i++;
                }
                var run = folded[start..i];
                if (run.Length == 1)
                {
                    yield return run;
                }
                for (var k = 0; k + 1 < run.Length; k++)
                {
                    yield return run.Substring(k, 2);
                }
            }
            else if (TextFold.IsWordChar(c))
            {
                var start = i;
                while (i < folded.Length && TextFold.IsWordChar(folded[i]))
                {
                    i++;
                }
                tokens.Add(folded[start..i]);
            }
            else
            {
                i++;
            }
        }
        for (var k = 0; k + 1 < tokens.Count; k++)
        {
            yield return tokens[k] + " " + tokens[k + 1];
        }
        if (tokens.Count == 1)
        {
            yield return tokens[0];
        }
    }

    /// <summary>FNV-1a with a final avalanche: stable across processes and versions, unlike string.GetHashCode.</summary>
    private static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
