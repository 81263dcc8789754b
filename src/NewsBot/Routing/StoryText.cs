using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using NewsBot.Summaries;

namespace NewsBot.Routing;

/// <summary>
/// The part of an article that says which story it is: the headline without outlet tags, and the lead without
/// datelines, bylines, agency footers, newsletter promos or disclaimers. Boilerplate is the same across different
/// stories of one outlet, so left in it makes them look alike; cut out, it no longer counts.
/// </summary>
public static partial class StoryText
{
    /// <summary>How much of the cleaned text is the lead: the opening sentences, where outlets restate the same facts.</summary>
    public const int LeadChars = 260;

    /// <summary>
    /// Numbers this precise (an index level, a price, a fixing, a year) rarely recur by chance; "0.3%" and "2" do, in
    /// every market wrap.
    /// </summary>
    public const int DistinctiveDigits = 3;

    /// <summary>Scanned at most: the lead is near the top, and the text may be 20 KB.</summary>
    private const int ScanChars = 3000;

    public static string Title(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "";
        }
        var t = TitlePrefix().Replace(title.Trim(), "");
        return TitleSuffix().Replace(t, "");
    }

    public static string Lead(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var sb = new StringBuilder(LeadChars + 120);
        foreach (var paragraph in TextCleaner.Paragraphs(text.Length > ScanChars ? text[..ScanChars] : text))
        {
            foreach (var sentence in SentenceSplitter.Split(paragraph))
            {
                if (Boilerplate().IsMatch(sentence))
                {
                    continue;
                }
                sb.Append(sentence).Append('\n');
                if (sb.Length >= LeadChars)
                {
                    return sb.ToString();
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Adds the features of folded text: Latin content words (stop words dropped, plural -s trimmed), CJK character
    /// bigrams, and numbers (also collected in <paramref name="numbers"/>: "44,296" and "44296" are one number; those
    /// with at least <see cref="DistinctiveDigits"/> significant digits also in <paramref name="distinctive"/>).
    /// </summary>
    public static void Features(ReadOnlySpan<char> folded, int weight, Dictionary<ulong, int> features, HashSet<ulong> numbers, HashSet<ulong> distinctive)
    {
        Span<char> digits = stackalloc char[32];
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
                    Add(features, Fnv(run, 'c'), weight);
                }
                for (var k = 0; k + 1 < run.Length; k++)
                {
                    Add(features, Fnv(run.Slice(k, 2), 'c'), weight);
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                var number = ReadNumber(folded, ref i, digits, out var significant);
                numbers.Add(number);
                if (significant >= DistinctiveDigits)
                {
                    distinctive.Add(number);
                }
                Add(features, number, weight);
            }
            else if (TextFold.IsWordChar(c))
            {
                var start = i;
                while (i < folded.Length && TextFold.IsWordChar(folded[i]) && !TextFold.IsCjk(folded[i]))
                {
                    i++;
                }
                var word = folded[start..i];
                if (word.Length < 2 || StopWordLookup.Contains(word))
                {
                    continue;
                }
                // "airbags" and "airbag", "rates" and "rate": outlets pick either.
                if (word.Length > 3 && word[^1] == 's' && word[^2] != 's')
                {
                    word = word[..^1];
                }
                Add(features, Fnv(word, 'w'), weight);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>The numbers of folded text, the way <see cref="Features"/> reads them.</summary>
    public static void Numbers(ReadOnlySpan<char> folded, HashSet<ulong> numbers)
    {
        Span<char> digits = stackalloc char[32];
        var i = 0;
        while (i < folded.Length)
        {
            if (char.IsAsciiDigit(folded[i]) && (i == 0 || !TextFold.IsWordChar(folded[i - 1]) || TextFold.IsCjk(folded[i - 1])))
            {
                numbers.Add(ReadNumber(folded, ref i, digits, out _));
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>
    /// Names in the raw text: capitalised Latin words that do not start a sentence (weekdays and months aside). A
    /// headline in Title Case capitalises everything, so only sentence-case headlines count.
    /// </summary>
    public static void Names(string title, string lead, HashSet<ulong> names)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var capitalised = words.Count(w => w.Length > 3 && char.IsUpper(w[0]));
        if (capitalised * 2 <= words.Count(w => w.Length > 3))
        {
            AddNames(title, names);
        }
        AddNames(lead, names);
    }

    private static void AddNames(string text, HashSet<ulong> names)
    {
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }
                var word = text.AsSpan(start, i - start);
                if (!sentenceStart && char.IsAsciiLetterUpper(word[0]) && word.Length > 1 && !CalendarLookup.Contains(word))
                {
                    names.Add(Fnv(word.ToString().ToLowerInvariant(), 'e'));
                }
                sentenceStart = false;
                continue;
            }
            if (c is '.' or '!' or '?' or '\n' or ':' or '-' or '—' or '–' || TextFold.IsCjk(c))
            {
                sentenceStart = true;
            }
            else if (!char.IsWhiteSpace(c) && c is not '(' and not ')' and not '"' and not '“' and not '\'')
            {
                sentenceStart = false;
            }
            i++;
        }
    }

    private static ulong ReadNumber(ReadOnlySpan<char> folded, ref int i, Span<char> digits, out int significant)
    {
        var n = 0;
        significant = 0;
        while (i < folded.Length && (char.IsAsciiDigit(folded[i]) || (folded[i] is '.' or ',' && i + 1 < folded.Length && char.IsAsciiDigit(folded[i + 1]))))
        {
            if (folded[i] != ',' && n < digits.Length)
            {
                digits[n++] = folded[i];
            }
            if (char.IsAsciiDigit(folded[i]) && (significant > 0 || folded[i] != '0'))
            {
                significant++;
            }
            i++;
        }
        return Fnv(digits[..n], 'n');
    }

    private static void Add(Dictionary<ulong, int> features, ulong feature, int weight) =>
        features[feature] = features.GetValueOrDefault(feature) + weight;

    /// <summary>FNV-1a with a kind tag and a final avalanche: stable across processes, unlike string.GetHashCode.</summary>
    internal static ulong Fnv(ReadOnlySpan<char> s, char kind)
    {
        var h = (14695981039346656037UL ^ kind) * 1099511628211UL;
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

    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "into",
        "over", "after", "before", "about", "than", "its", "it", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "will", "would", "could", "can", "may", "might", "said", "says", "say", "this", "that", "these", "those",
        "their", "his", "her", "he", "she", "they", "we", "our", "not", "no", "up", "out", "all", "also", "some", "more",
        "most", "new", "one", "two", "three", "first", "year", "week", "day", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "while", "which", "who", "what", "when", "where", "because", "amid", "still",
    ]);

    private static readonly FrozenSet<string> Calendar = FrozenSet.Create(StringComparer.Ordinal,
    [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
        "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CalendarLookup = Calendar.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // "Toyota recalls … - AP", "… | BBC News", "… – Reuters": an outlet's tag, not the story.
    [GeneratedRegex(@"\s+[-|–—]\s+[^-|–—]{1,30}$")]
    private static partial Regex TitleSuffix();

    // "BREAKING:", "UPDATE 2-", "收评：", "【快讯】": a desk's label, not the story.
    [GeneratedRegex(@"^(【[^】]{1,12}】|(breaking|exclusive|update\s*\d*|analysis|factbox|live)\s*[:：-]|\p{IsCJKUnifiedIdeographs}{1,4}[:：])\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TitlePrefix();

    // Sentences that ride along with every story of an outlet: footers, promos, disclaimers, credits.
    [GeneratedRegex(@"newsletter|subscribe|sign up|reporting by|editing by|writing by|our standards|trust principles|appeared first on|all rights reserved|copyright|follow us|免责声明|仅供参考|不构成(任何)?投资建议|风险自担|投资需谨慎|责任编辑|本文来源|点击关注|第一时间了解|版权所有|未经授权", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();
}
