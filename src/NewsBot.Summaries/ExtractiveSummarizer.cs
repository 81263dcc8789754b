namespace NewsBot.Summaries;

/// <summary>Lead-biased extractive summaries for Chinese, English and mixed text.</summary>
/// <remarks>
/// News puts the key facts first, so the first proper sentence is always taken when it fits.
/// English (and other Latin-script) news is written as an inverted pyramid whose sentences are
/// long: the budget holds two or three, and the best of them are the lead's own, so the rest of
/// the summary is the second and third sentences, each taken if it fits, with trailing
/// attributions compressed away. Chinese and Japanese sentences are short, the budget holds more
/// of them, and the later slots go to sentences ranked by a position prior combined with TextRank centrality
/// (CJK-bigram overlap) and similarity to the title. Near-duplicates are skipped and the chosen
/// sentences keep their article order. Stateless and thread-safe.
/// </remarks>
public sealed class ExtractiveSummarizer
{
    /// <summary>The most sentences a summary holds.</summary>
    public const int MaxSentences = 3;

    // Past this many sentences the lead bias makes later ones irrelevant (the prior of the 30th is
    // a thirtieth of the lead's); it also bounds the O(n²) ranking and how much text is read at all.
    internal const int MaxCandidates = 30;
    private const double Damping = 0.85;
    private const int Iterations = 25;
    private const double PriorWeight = 0.7;
    private const double CentralityWeight = 0.2;
    private const double TitleWeight = 0.1;
    private const double DuplicateJaccard = 0.6;
    private const double QuotationFactor = 0.5;

    private static readonly System.Buffers.SearchValues<char> ClauseBoundaries = System.Buffers.SearchValues.Create("，、；,;：:—");

    /// <summary>Returns a 1–3 sentence summary of at most <paramref name="maxChars"/> characters.</summary>
    /// <returns>The summary, or an empty string when the text holds nothing to summarise.</returns>
    public string Summarize(string? title, string text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        var titleTokens = string.IsNullOrWhiteSpace(title) ? [] : SentenceTokens.Of(title);
        // English needs no more than the sentences it may take; only CJK ranks the rest.
        var article = CandidateSentences.Read(text, title, titleTokens, MaxSentences);
        if (article.Count == 0)
        {
            return "";
        }

        var cjk = article.IsCjk(0);
        if (cjk)
        {
            article.ReadUpTo(MaxCandidates);
        }

        var lead = SentenceCompressor.Compress(article.Text(0));
        var used = TextLength.Count(lead.Span);
        if (used > maxChars)
        {
            // The lead alone is over budget: the one case where a sentence is cut.
            return ClauseCut(lead.ToString(), maxChars);
        }

        List<Choice> chosen = [new Choice(0, lead)];
        if (cjk)
        {
            var scores = Score(article, titleTokens);
            foreach (var i in Enumerable.Range(1, article.Count - 1).OrderByDescending(i => scores[i]))
            {
                if (chosen.Count == MaxSentences)
                {
                    break;
                }

                TryAdd(article, i, chosen, ref used, maxChars);
            }
        }
        else
        {
            // A sentence that does not fit is skipped, not the end: the next may fit.
            for (var i = 1; i < Math.Min(MaxSentences, article.Count); i++)
            {
                TryAdd(article, i, chosen, ref used, maxChars);
            }
        }

        chosen.Sort((a, b) => a.Index.CompareTo(b.Index));
        return Join(chosen.Select(c => c.Text.ToString()));
    }

    private readonly record struct Choice(int Index, ReadOnlyMemory<char> Text);

    private static double[] Score(CandidateSentences article, int[] titleTokens)
    {
        var n = article.Count;
        var weights = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        var outSum = new double[n];
        var rank = new double[n];
        var next = new double[n];
        try
        {
            for (var i = 0; i < n; i++)
            {
                weights[(i * n) + i] = 0;
                for (var j = i + 1; j < n; j++)
                {
                    var w = Similarity(article.Tokens(i), article.Tokens(j));
                    weights[(i * n) + j] = w;
                    weights[(j * n) + i] = w;
                    outSum[i] += w;
                    outSum[j] += w;
                }
            }

            // Row j becomes j's share of its rank given to each neighbour.
            for (var j = 0; j < n; j++)
            {
                if (outSum[j] > 0)
                {
                    foreach (ref var w in weights.AsSpan(j * n, n))
                    {
                        w /= outSum[j];
                    }
                }
            }

            Array.Fill(rank, 1.0);
            for (var iteration = 0; iteration < Iterations; iteration++)
            {
                Array.Clear(next);
                for (var j = 0; j < n; j++)
                {
                    var row = weights.AsSpan(j * n, n);
                    var r = rank[j];
                    for (var i = 0; i < n; i++)
                    {
                        next[i] += row[i] * r;
                    }
                }

                var delta = 0.0;
                for (var i = 0; i < n; i++)
                {
                    next[i] = 1 - Damping + (Damping * next[i]);
                    delta += Math.Abs(next[i] - rank[i]);
                }

                (rank, next) = (next, rank);
                if (delta < 1e-4)
                {
                    break;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(weights);
        }

        var maxRank = Math.Max(rank.Max(), 1e-9);
        var titleSims = next;
        var maxTitle = 1e-9;
        for (var i = 0; i < n; i++)
        {
            titleSims[i] = Similarity(article.Tokens(i), titleTokens);
            maxTitle = Math.Max(maxTitle, titleSims[i]);
        }

        var scores = outSum;
        for (var i = 0; i < n; i++)
        {
            var prior = 1.0 / (i + 1);
            scores[i] = (PriorWeight * prior) + (CentralityWeight * rank[i] / maxRank) + (TitleWeight * titleSims[i] / maxTitle);
            if (IsQuotation(article.Text(i).Span))
            {
                scores[i] *= QuotationFactor;
            }
        }

        return scores;
    }

    // Briefs report what happened; a direct quotation rarely carries the facts.
    private static bool IsQuotation(ReadOnlySpan<char> sentence)
        => sentence[0] is '"' or '“' or '「' or '『' or '‘' || sentence.Contains("：“", StringComparison.Ordinal) || sentence.Contains(": \"", StringComparison.Ordinal);

    private static double Similarity(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = SentenceTokens.Overlap(a, b);
        return common == 0 ? 0 : common / (Math.Log(a.Length + 1) + Math.Log(b.Length + 1));
    }

    private static bool TryAdd(CandidateSentences article, int i, List<Choice> chosen, ref int used, int maxChars)
    {
        var tokens = article.Tokens(i);
        foreach (var c in chosen)
        {
            if (SentenceTokens.Jaccard(article.Tokens(c.Index), tokens) > DuplicateJaccard)
            {
                return false;
            }
        }

        var text = SentenceCompressor.Compress(article.Text(i));
        var cost = TextLength.Count(text.Span) + 1;
        if (used + cost > maxChars)
        {
            return false;
        }

        chosen.Add(new Choice(i, text));
        used += cost;
        return true;
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
