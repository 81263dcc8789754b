namespace NewsBot.Summaries;

/// <summary>Precision, recall and F1 of one ROUGE comparison.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double F1)
{
    internal static RougeScore From(int overlap, int candidateCount, int referenceCount)
    {
        if (overlap == 0 || candidateCount == 0 || referenceCount == 0)
        {
            return default;
        }

        var precision = (double)overlap / candidateCount;
        var recall = (double)overlap / referenceCount;
        return new RougeScore(precision, recall, 2 * precision * recall / (precision + recall));
    }
}

/// <summary>
/// ROUGE-1, ROUGE-2 and ROUGE-L (LCS) for evaluating summaries. Tokens are single characters in
/// CJK scripts and lower-cased words (letters and digits) otherwise; punctuation is ignored.
/// </summary>
public static class Rouge
{
    public static RougeScore Rouge1(string candidate, string reference) => RougeN(candidate, reference, 1);

    public static RougeScore Rouge2(string candidate, string reference) => RougeN(candidate, reference, 2);

    /// <summary>ROUGE-N with clipped n-gram counts.</summary>
    public static RougeScore RougeN(string candidate, string reference, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var candidateGrams = NGrams(Tokenize(candidate), n);
        var referenceGrams = NGrams(Tokenize(reference), n);
        var overlap = 0;
        foreach (var (gram, count) in candidateGrams.Counts)
        {
            if (referenceGrams.Counts.TryGetValue(gram, out var referenceCount))
            {
                overlap += Math.Min(count, referenceCount);
            }
        }

        return RougeScore.From(overlap, candidateGrams.Total, referenceGrams.Total);
    }

    /// <summary>ROUGE-L: the longest common subsequence of tokens.</summary>
    public static RougeScore RougeL(string candidate, string reference)
    {
        var a = Tokenize(candidate);
        var b = Tokenize(reference);
        return RougeScore.From(LongestCommonSubsequence(a, b), a.Count, b.Count);
    }

    /// <summary>The evaluation tokens of <paramref name="text"/>.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (Script.IsCjk(c))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsLetterOrDigit(text[i]) && !Script.IsCjk(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i].ToLowerInvariant());
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    private static (Dictionary<string, int> Counts, int Total) NGrams(List<string> list, int n)
    {
        var tokens = list.ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = Math.Max(0, tokens.Length - n + 1);
        for (var i = 0; i < total; i++)
        {
            // U+0001 cannot occur in a token, so joined n-grams never collide.
            var gram = n == 1 ? tokens[i] : string.Join('\u0001', tokens, i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return (counts, total);
    }

    private static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
