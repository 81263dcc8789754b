namespace NewsBot.Summaries;

/// <summary>Lead-biased extractive summaries for Chinese, English and mixed text.</summary>
/// <remarks>
/// News puts the key facts first, so the first proper sentence is always taken when it fits;
/// the remaining slots go to sentences ranked by a position prior combined with TextRank
/// centrality (word or CJK-bigram overlap) and similarity to the title. Near-duplicates are
/// skipped and the chosen sentences keep their article order. Stateless and thread-safe.
/// </remarks>
public sealed class ExtractiveSummarizer
{
    /// <summary>The most sentences a summary holds.</summary>
    public const int MaxSentences = 3;

    // Past this many sentences the lead bias makes later ones irrelevant; it also bounds the O(n²) ranking.
    private const int MaxCandidates = 60;
    private const double Damping = 0.85;
    private const int Iterations = 25;
    private const double PriorWeight = 0.5;
    private const double CentralityWeight = 0.3;
    private const double TitleWeight = 0.2;
    private const double DuplicateJaccard = 0.6;
    private const double TitleEcho = 0.8;

    private static readonly System.Buffers.SearchValues<char> ClauseBoundaries = System.Buffers.SearchValues.Create("，、；,;：:—");

    /// <summary>Returns a 1–3 sentence summary of at most <paramref name="maxChars"/> characters.</summary>
    /// <returns>The summary, or an empty string when the text holds nothing to summarise.</returns>
    public string Summarize(string? title, string text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        var sentences = new List<string>();
        foreach (var paragraph in TextCleaner.Paragraphs(text ?? ""))
        {
            SentenceSplitter.SplitParagraph(paragraph, sentences);
        }

        var titleTokens = string.IsNullOrWhiteSpace(title) ? [] : SentenceTokens.Of(title);
        var candidates = Candidates(sentences, title, titleTokens);
        if (candidates.Count == 0)
        {
            return "";
        }

        var scores = Score(candidates, titleTokens);
        var chosen = Choose(candidates, scores, maxChars);
        if (chosen.Count == 0)
        {
            // The lead alone is over budget: the one case where a sentence is cut.
            return ClauseCut(candidates[0].Text, maxChars);
        }

        chosen.Sort();
        return Join(chosen.Select(i => candidates[i].Text));
    }

    private sealed record Candidate(string Text, int[] Tokens, int Length);

    private static List<Candidate> Candidates(List<string> sentences, string? title, int[] titleTokens)
    {
        var all = new List<Candidate>(Math.Min(sentences.Count, MaxCandidates));
        var substantial = new List<Candidate>(all.Capacity);
        foreach (var sentence in sentences)
        {
            var tokens = SentenceTokens.Of(sentence);
            if (IsTitleEcho(sentence, tokens, title, titleTokens))
            {
                continue;
            }

            var candidate = new Candidate(sentence, tokens, TextLength.Count(sentence));
            all.Add(candidate);
            if (IsSubstantial(sentence, candidate.Length))
            {
                substantial.Add(candidate);
            }

            if (substantial.Count == MaxCandidates)
            {
                break;
            }
        }

        // A short article of fragments is still worth showing as it is.
        return substantial.Count > 0 ? substantial : all;
    }

    private static bool IsTitleEcho(string sentence, int[] tokens, string? title, int[] titleTokens)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return false;
        }

        if (sentence.AsSpan().TrimEnd("。.!！?？ ").Equals(title.AsSpan().Trim().TrimEnd("。.!！?？ "), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return tokens.Length > 0 && titleTokens.Length > 0
            && (double)SentenceTokens.Overlap(tokens, titleTokens) / tokens.Length >= TitleEcho
            && tokens.Length <= titleTokens.Length + 2;
    }

    // Fragments such as "他问道。" or "Officials said." carry no news on their own.
    private static bool IsSubstantial(string sentence, int length)
    {
        var cjk = 0;
        var spaces = 0;
        foreach (var c in sentence)
        {
            if (Script.IsCjk(c))
            {
                cjk++;
            }
            else if (c == ' ')
            {
                spaces++;
            }
        }

        return cjk > 0 ? length >= 10 : spaces >= 4;
    }

    private static double[] Score(List<Candidate> candidates, int[] titleTokens)
    {
        var n = candidates.Count;
        var weights = new double[n, n];
        var outSum = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var w = Similarity(candidates[i].Tokens, candidates[j].Tokens);
                weights[i, j] = w;
                weights[j, i] = w;
                outSum[i] += w;
                outSum[j] += w;
            }
        }

        var rank = new double[n];
        var next = new double[n];
        Array.Fill(rank, 1.0);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var delta = 0.0;
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (outSum[j] > 0 && weights[j, i] > 0)
                    {
                        sum += weights[j, i] / outSum[j] * rank[j];
                    }
                }

                next[i] = 1 - Damping + (Damping * sum);
                delta += Math.Abs(next[i] - rank[i]);
            }

            (rank, next) = (next, rank);
            if (delta < 1e-4)
            {
                break;
            }
        }

        var maxRank = rank.Max();
        var titleSims = candidates.Select(c => Similarity(c.Tokens, titleTokens)).ToArray();
        var maxTitle = Math.Max(titleSims.Max(), 1e-9);
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var prior = 1 / Math.Sqrt(i + 1);
            scores[i] = (PriorWeight * prior) + (CentralityWeight * rank[i] / maxRank) + (TitleWeight * titleSims[i] / maxTitle);
        }

        return scores;
    }

    private static double Similarity(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = SentenceTokens.Overlap(a, b);
        return common == 0 ? 0 : common / (Math.Log(a.Length + 1) + Math.Log(b.Length + 1));
    }

    private static List<int> Choose(List<Candidate> candidates, double[] scores, int maxChars)
    {
        var chosen = new List<int>(MaxSentences);
        if (candidates[0].Length > maxChars)
        {
            return chosen;
        }

        var order = Enumerable.Range(1, candidates.Count - 1).OrderByDescending(i => scores[i]).Prepend(0);
        var used = 0;
        foreach (var i in order)
        {
            var candidate = candidates[i];
            var cost = candidate.Length + (chosen.Count > 0 ? 1 : 0);
            if (used + cost > maxChars || chosen.Any(c => SentenceTokens.Jaccard(candidates[c].Tokens, candidate.Tokens) > DuplicateJaccard))
            {
                continue;
            }

            chosen.Add(i);
            used += cost;
            if (chosen.Count == MaxSentences)
            {
                break;
            }
        }

        return chosen;
    }

    /// <summary>Joins sentences: no space after CJK punctuation, one space otherwise.</summary>
    internal static string Join(IEnumerable<string> sentences)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var sentence in sentences)
        {
            if (builder.Length > 0 && !(IsCjkEnd(builder[^1]) && Script.IsCjk(sentence[0]) || IsCjkEnd(builder[^1]) && sentence[0] is '“' or '「' or '『'))
            {
                builder.Append(' ');
            }

            builder.Append(sentence);
        }

        return builder.ToString();
    }

    private static bool IsCjkEnd(char c) => c is '。' or '！' or '？' or '；' or '”' or '」' or '』' or '…' or '）' || Script.IsCjk(c);

    /// <summary>
    /// Cuts an over-long sentence at the last clause boundary that fits and ends it with "…";
    /// without one, at a word boundary (Latin) or a character (CJK).
    /// </summary>
    internal static string ClauseCut(string sentence, int maxChars)
    {
        if (TextLength.Count(sentence) <= maxChars)
        {
            return sentence;
        }

        var prefix = sentence.AsSpan(0, TextLength.PrefixLength(sentence, maxChars - 1));
        var minimum = prefix.Length / 3;
        var cut = prefix.LastIndexOfAny(ClauseBoundaries);
        if (cut < minimum)
        {
            var space = prefix.LastIndexOf(' ');
            var cjk = prefix.Length > 0 && Script.IsCjk(prefix[^1]);
            cut = !cjk && space >= minimum ? space : prefix.Length;
        }

        return string.Concat(prefix[..cut].TrimEnd(" ，、；,;：:—-（(“\"'‘「『"), "…");
    }
}
