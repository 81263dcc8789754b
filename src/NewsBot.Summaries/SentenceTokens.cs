using System.Collections.Frozen;

namespace NewsBot.Summaries;

/// <summary>
/// The content tokens of a sentence as sorted, distinct hashes: lower-cased words without stop
/// words (light plural stemming) for Latin text, character bigrams for CJK runs.
/// </summary>
internal static class SentenceTokens
{
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "should", "may", "might", "must", "shall", "it", "its", "this", "that", "these", "those",
        "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "him", "them", "us", "me",
        "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where",
        "why", "how", "all", "any", "also", "about", "after", "before", "into", "over", "under", "up", "down", "out",
        "more", "most", "said", "says", "say", "told", "according", "just", "only", "very", "such", "some", "other",
        "s", "t", "mr", "mrs", "ms", "new", "one", "two", "while", "during", "since", "because", "now", "last",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static int[] Of(string sentence)
    {
        var tokens = new List<int>(32);
        var s = sentence.AsSpan();
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
                    tokens.Add(c);
                }
                else
                {
                    for (var j = start; j + 1 < i; j++)
                    {
                        // Bigrams live above the BMP so they cannot meet a single character's code.
                        tokens.Add(unchecked((int)(0x8000_0000u | ((uint)s[j] << 16) | s[j + 1])));
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
                if (StopLookup.Contains(word))
                {
                    continue;
                }

                if (word.Length > 3 && word[^1] is 's' or 'S' && word[^2] is not ('s' or 'S'))
                {
                    word = word[..^1];
                }

                tokens.Add(string.GetHashCode(word, StringComparison.OrdinalIgnoreCase) | 0x10000);
                continue;
            }

            i++;
        }

        tokens.Sort();
        var distinct = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (k == 0 || tokens[k] != tokens[k - 1])
            {
                tokens[distinct++] = tokens[k];
            }
        }

        return tokens.GetRange(0, distinct).ToArray();
    }

    public static int Overlap(int[] a, int[] b)
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

    public static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = Overlap(a, b);
        return (double)common / (a.Length + b.Length - common);
    }
}
