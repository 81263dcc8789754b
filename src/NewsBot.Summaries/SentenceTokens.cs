using System.Collections.Frozen;

namespace NewsBot.Summaries;

/// <summary>
/// The content tokens of a sentence as sorted, distinct hashes: lower-cased words without stop
/// words (light plural stemming) for Latin text, character bigrams for CJK runs.
/// </summary>
internal static class SentenceTokens
{
    private static readonly string[] StopWords =
    [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "should", "may", "might", "must", "shall", "it", "its", "this", "that", "these", "those",
        "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "him", "them", "us", "me",
        "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where",
        "why", "how", "all", "any", "also", "about", "after", "before", "into", "over", "under", "up", "down", "out",
        "more", "most", "said", "says", "say", "told", "according", "just", "only", "very", "such", "some", "other",
        "s", "t", "mr", "mrs", "ms", "new", "one", "two", "while", "during", "since", "because", "now", "last",
    ];

    // Words are compared by hash, so a token costs no string; a collision merely adds a little similarity.
    private static readonly FrozenSet<int> StopHashes = StopWords.Select(w => WordHash(w)).ToFrozenSet();

    /// <summary>The sorted, distinct tokens of <paramref name="sentence"/>.</summary>
    public static int[] Of(ReadOnlySpan<char> sentence)
    {
        var buffer = new List<int>(32);
        Append(sentence, buffer);
        return [.. buffer];
    }

    /// <summary>Appends the sorted, distinct tokens of <paramref name="sentence"/> to <paramref name="buffer"/>.</summary>
    /// <returns>How many tokens were appended.</returns>
    public static int Append(ReadOnlySpan<char> sentence, List<int> buffer)
    {
        var first = buffer.Count;
        var s = sentence;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (Script.IsCjk(c))
            {
                var start = i;
                while (i < s.Length && Script.IsCjk(s[i]))
                {
                    i++;
                }

                if (i - start == 1)
                {
                    buffer.Add(c);
                }
                else
                {
                    for (var j = start; j + 1 < i; j++)
                    {
                        // Bigrams are negative so they cannot meet a single character or a word.
                        buffer.Add(unchecked((int)(0x8000_0000u | ((uint)s[j] << 16) | s[j + 1])));
                    }
                }

                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || (s[i] is '\'' or '’' or '-' && i + 1 < s.Length && char.IsLetterOrDigit(s[i + 1]))) && !Script.IsCjk(s[i]))
                {
                    i++;
                }

                var word = s[start..i];
                var hash = WordHash(word);
                if (StopHashes.Contains(hash))
                {
                    continue;
                }

                // Light stemming: "Colorado's" is "Colorado", "rates" is "rate".
                var stem = word;
                if (stem.Length > 2 && stem[^1] is 's' or 'S' && stem[^2] is '\'' or '’')
                {
                    stem = stem[..^2];
                }
                else if (stem.Length > 3 && stem[^1] is 's' or 'S' && stem[^2] is not ('s' or 'S'))
                {
                    stem = stem[..^1];
                }

                buffer.Add(stem.Length == word.Length ? hash : WordHash(stem));
                continue;
            }

            i++;
        }

        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer)[first..];
        tokens.Sort();
        var distinct = 0;
        for (var k = 0; k < tokens.Length; k++)
        {
            if (k == 0 || tokens[k] != tokens[k - 1])
            {
                tokens[distinct++] = tokens[k];
            }
        }

        buffer.RemoveRange(first + distinct, tokens.Length - distinct);
        return distinct;
    }

    // FNV-1a over the lower-cased characters; kept apart from CJK codes and bigrams by its range.
    private static int WordHash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            var lower = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c < 128 ? c : char.ToLowerInvariant(c);
            hash = (hash ^ lower) * 16777619u;
        }

        return (int)(hash & 0x7FFF_FFFF) | 0x10000;
    }

    public static int Overlap(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    public static double Jaccard(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = Overlap(a, b);
        return (double)common / (a.Length + b.Length - common);
    }
}
