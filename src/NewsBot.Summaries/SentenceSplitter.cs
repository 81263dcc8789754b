using System.Collections.Frozen;

namespace NewsBot.Summaries;

/// <summary>
/// Splits Chinese, Japanese, English and mixed text into sentences. A newline always ends a
/// sentence (the parser puts paragraphs on their own lines).
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations that end with a period but rarely end a sentence.
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "gov", "sen", "rep", "rev", "hon",
        "pres", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "insp", "supt", "atty", "messrs",
        "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
        "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "approx", "vol", "vs",
        "al", "cf", "ave", "blvd", "rd", "hwy",
        "ariz", "calif", "colo", "conn", "fla", "kan", "ky", "md", "mich",
        "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "va", "vt", "wis", "wyo",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    // 说/道/称/问/表示/写/指出 (言った/述べた in Japanese): the verbs of "他问道。"-style attributions after a quotation.
    private static readonly System.Buffers.SearchValues<char> AttributionVerbs = System.Buffers.SearchValues.Create("说道称问示写指言述");

    /// <summary>The sentences of <paramref name="text"/>, trimmed, in order.</summary>
    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        var ranges = new List<Range>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            ranges.Clear();
            SplitParagraph(line, ranges);
            foreach (var range in ranges)
            {
                sentences.Add(line[range].ToString());
            }
        }

        return sentences;
    }

    /// <summary>Adds the ranges of the trimmed sentences of <paramref name="paragraph"/> to <paramref name="sentences"/>.</summary>
    internal static void SplitParagraph(ReadOnlySpan<char> paragraph, List<Range> sentences)
    {
        var start = 0;
        var quoteDepth = 0;
        var i = 0;
        while (i < paragraph.Length)
        {
            var c = paragraph[i];
            if (c is '“' or '「' or '『' or '《')
            {
                quoteDepth++;
                i++;
                continue;
            }

            if (c is '”' or '」' or '』' or '》')
            {
                quoteDepth = Math.Max(0, quoteDepth - 1);
                if (quoteDepth == 0 && i > start && IsCjkTerminal(paragraph[i - 1]) && !IsShortAttribution(paragraph, i + 1))
                {
                    i = EndOfClosers(paragraph, i + 1);
                    Add(paragraph, start, i, sentences);
                    start = i;
                    continue;
                }

                i++;
                continue;
            }

            // Inside quotes a terminal ends the sentence only once it has run unreasonably long,
            // so that an unbalanced quote cannot swallow the paragraph.
            var inQuote = quoteDepth > 0 && i - start < 300;
            var end = inQuote ? -1 : SentenceEnd(paragraph, i);
            if (end > 0)
            {
                Add(paragraph, start, end, sentences);
                start = end;
                i = end;
                continue;
            }

            i++;
        }

        Add(paragraph, start, paragraph.Length, sentences);
    }

    /// <summary>If a sentence ends at <paramref name="i"/>, the index just past it (closers included); else -1.</summary>
    private static int SentenceEnd(ReadOnlySpan<char> s, int i)
    {
        var c = s[i];
        if (c is '。' or '！' or '？' or '；' or '!' or '?' or '｡')
        {
            var end = EndOfClosers(s, i + 1);
            if (c is '!' or '?' && end < s.Length && !char.IsWhiteSpace(s[end]) && !Script.IsCjk(s[end]))
            {
                return -1; // "Yahoo!News", "?!" handled by EndOfClosers; a Latin ! glued to a word is not an end.
            }

            return end;
        }

        if (c == '…')
        {
            var end = EndOfClosers(s, i + 1);
            // "……" then more text: in CJK prose an ellipsis ends the sentence; in Latin prose only before a capital.
            return IsCjkContext(s, i) || NextStartsSentence(s, end) ? end : -1;
        }

        if (c == '.')
        {
            return PeriodEnd(s, i);
        }

        return -1;
    }

    private static int PeriodEnd(ReadOnlySpan<char> s, int i)
    {
        // "..." ellipsis: a sentence end only before something that starts a sentence.
        if (i + 1 < s.Length && s[i + 1] == '.')
        {
            return -1;
        }

        if (i >= 2 && s[i - 1] == '.' && s[i - 2] == '.')
        {
            var afterDots = EndOfClosers(s, i + 1);
            return NextStartsSentence(s, afterDots) ? afterDots : -1;
        }

        var end = EndOfClosers(s, i + 1);
        if (end >= s.Length)
        {
            return end;
        }

        // A full stop followed directly by CJK text ("...said.他说") still ends a sentence.
        var beforeCjk = Script.IsCjk(s[end]);
        if (!beforeCjk && !char.IsWhiteSpace(s[end]))
        {
            return -1; // 3.5, U.S.-led, example.com
        }

        if (!beforeCjk && !NextStartsSentence(s, end))
        {
            return -1;
        }

        // The word before the period: an abbreviation or an initial does not end a sentence.
        var wordStart = i;
        while (wordStart > 0 && (char.IsLetterOrDigit(s[wordStart - 1]) || s[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = s[wordStart..i];
        if (word.IsEmpty)
        {
            return end;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return -1; // J. K. Rowling
        }

        if (word.Contains('.'))
        {
            // U.S. / U.K. / a.m.: an acronym ends a sentence only if the next word is a common
            // sentence opener, which we cannot know; we keep them together unless the acronym is
            // followed by a capitalised function word.
            return NextWordIsOpener(s, end) ? end : -1;
        }

        var bare = word.TrimStart('.');
        if (AbbreviationLookup.Contains(bare))
        {
            return -1;
        }

        return end;
    }

    private static bool NextWordIsOpener(ReadOnlySpan<char> s, int from)
    {
        while (from < s.Length && char.IsWhiteSpace(s[from]))
        {
            from++;
        }

        var to = from;
        while (to < s.Length && char.IsLetter(s[to]))
        {
            to++;
        }

        var word = s[from..to];
        return word is "The" or "A" or "An" or "It" or "He" or "She" or "They" or "We" or "I" or "This" or "That"
            or "But" or "In" or "On" or "At" or "His" or "Her" or "Their" or "There" or "Its" or "Officials" or "And";
    }

    private static bool NextStartsSentence(ReadOnlySpan<char> s, int from)
    {
        while (from < s.Length && char.IsWhiteSpace(s[from]))
        {
            from++;
        }

        if (from >= s.Length)
        {
            return true;
        }

        var c = s[from];
        return char.IsUpper(c) || char.IsDigit(c) || Script.IsCjk(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '「' or '『' or '（';
    }

    private static int EndOfClosers(ReadOnlySpan<char> s, int from)
    {
        while (from < s.Length && s[from] is '"' or '\'' or '’' or '”' or '」' or '』' or ')' or '）' or ']' or '】' or '》'
                   or '。' or '！' or '？' or '!' or '?' or '.' or '…')
        {
            from++;
        }

        return from;
    }

    private static bool IsCjkTerminal(char c) => c is '。' or '！' or '？' or '…' or '!' or '?';

    private static bool IsCjkContext(ReadOnlySpan<char> s, int i)
    {
        var before = i;
        while (before > 0 && s[before - 1] is '…' or '.')
        {
            before--;
        }

        return before > 0 && Script.IsCjk(s[before - 1]);
    }

    // “……？”他问道。 — a quote closed by a terminal, then a short attribution: keep them as one sentence.
    private static bool IsShortAttribution(ReadOnlySpan<char> s, int from)
    {
        for (var j = from; j < s.Length && j - from <= 12; j++)
        {
            if (s[j] is '。' or '！' or '？' or '.' or '!' or '?')
            {
                return j > from && s[from..j].IndexOfAny(AttributionVerbs) >= 0;
            }

            if (s[j] is '“' or '「' or '，' or ',')
            {
                return false;
            }
        }

        return false;
    }

    private static void Add(ReadOnlySpan<char> paragraph, int start, int end, List<Range> sentences)
    {
        while (start < end && char.IsWhiteSpace(paragraph[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(paragraph[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(start..end);
        }
    }
}
