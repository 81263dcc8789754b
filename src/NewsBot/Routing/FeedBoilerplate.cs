using System.Text;

namespace NewsBot.Routing;

/// <summary>
/// A feed's template, learned from its own recent items: runs of three words (numbers and links blanked) that recur in
/// many of them, short lines that do, and headline prefixes that do ("Ask HN:", "Election live:", "Episode 212:"). hnrss's "Article URL: … Comments URL: … Points: 12", Reddit's "submitted by
/// /u/… [link] [comments]", a podcast's sign-off or a press office's boilerplate are in every item of their feed and say
/// nothing about any one story; stripped before the story key is taken, they no longer make two stories look alike.
/// </summary>
public sealed class FeedBoilerplate
{
    /// <summary>Words per shingle: long enough that ordinary phrases rarely recur by chance, short enough for short lines.</summary>
    public const int ShingleWords = 3;

    /// <summary>A shingle is boilerplate when at least this many of the feed's items carry it...</summary>
    public const int MinItems = 3;

    /// <summary>...and at least this share of them: a word run of one busy story week is not a template.</summary>
    public const double MinShare = 0.2;

    /// <summary>How many of the feed's latest items it is learned from.</summary>
    public const int SampleItems = 40;

    /// <summary>How much of each item is read: templates sit around the lead, where the story key looks.</summary>
    public const int SampleChars = 1500;

    /// <summary>Words of a headline prefix.</summary>
    private const int PrefixWords = 2;

    private readonly HashSet<ulong> _shingles;
    private readonly HashSet<ulong> _prefixes;

    private FeedBoilerplate(HashSet<ulong> shingles, HashSet<ulong> prefixes)
    {
        _shingles = shingles;
        _prefixes = prefixes;
    }

    /// <summary>Knows no template: strips nothing.</summary>
    public static FeedBoilerplate None { get; } = new([], []);

    /// <summary>How many recurring shingles and headline prefixes were found.</summary>
    public int Count => _shingles.Count + _prefixes.Count;

    public static FeedBoilerplate Learn(IEnumerable<string?> texts) => Learn(texts.Select(t => ((string?)null, t)));

    public static FeedBoilerplate Learn(IEnumerable<(string? Title, string? Text)> feedItems)
    {
        var counts = new Dictionary<ulong, int>();
        var prefixCounts = new Dictionary<ulong, int>();
        var inItem = new HashSet<ulong>();
        var items = 0;
        var titles = 0;
        foreach (var (title, text) in feedItems)
        {
            if (Prefix(Words(title)) is { } prefix)
            {
                titles++;
                prefixCounts[prefix] = prefixCounts.GetValueOrDefault(prefix) + 1;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            items++;
            inItem.Clear();
            var sample = text.Length > SampleChars ? text[..SampleChars] : text;
            foreach (var line in sample.Split('\n'))
            {
                var words = Normalized(line);
                foreach (var shingle in Shingles(words))
                {
                    inItem.Add(shingle);
                }
            }
            foreach (var shingle in inItem)
            {
                counts[shingle] = counts.GetValueOrDefault(shingle) + 1;
            }
        }
        var threshold = Math.Max(MinItems, (int)Math.Ceiling(MinShare * items));
        var titleThreshold = Math.Max(MinItems, (int)Math.Ceiling(MinShare * titles));
        return new FeedBoilerplate(
            counts.Where(c => c.Value >= threshold).Select(c => c.Key).ToHashSet(),
            prefixCounts.Where(c => c.Value >= titleThreshold).Select(c => c.Key).ToHashSet());
    }

    /// <summary>The headline without a prefix the feed puts on many of its headlines.</summary>
    public string StripTitle(string? title)
    {
        var words = Words(title);
        return _prefixes.Count > 0 && Prefix(words) is { } prefix && _prefixes.Contains(prefix)
            ? string.Join(' ', words[PrefixWords..])
            : title ?? "";
    }

    private static string[] Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([' ', '\t', '\r', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first words of a headline long enough to keep a story once they are gone.</summary>
    private static ulong? Prefix(string[] words) =>
        words.Length > PrefixWords + 1 ? Hash(words.AsSpan(0, PrefixWords).ToArray().Select(Normalize).ToArray()) : null;

    /// <summary>The text without the words the template put there; lines keep their breaks, emptied lines go.</summary>
    public string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text) || _shingles.Count == 0)
        {
            return text ?? "";
        }
        var sb = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r', '\u00a0'], StringSplitOptions.RemoveEmptyEntries);
            var normalized = words.Select(Normalize).ToArray();
            var keep = Enumerable.Repeat(true, words.Length).ToArray();
            if (words.Length < ShingleWords)
            {
                if (words.Length > 0 && _shingles.Contains(Hash(normalized)))
                {
                    Array.Fill(keep, false);
                }
            }
            else
            {
                for (var i = 0; i + ShingleWords <= words.Length; i++)
                {
                    if (_shingles.Contains(Hash(normalized.AsSpan(i, ShingleWords))))
                    {
                        Array.Fill(keep, false, i, ShingleWords);
                    }
                }
            }
            // Numbers stay: in a market wrap written from one template, they are the news.
            var kept = words.Where((w, i) => keep[i] || (normalized[i] != "<url>" && w.Any(char.IsAsciiDigit))).ToList();
            if (kept.Count > 0)
            {
                sb.AppendJoin(' ', kept).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string[] Normalized(string line) =>
        line.Split([' ', '\t', '\r', '\u00a0'], StringSplitOptions.RemoveEmptyEntries).Select(Normalize).ToArray();

    /// <summary>Every run of <see cref="ShingleWords"/> words; a shorter line is one shingle of its own.</summary>
    private static IEnumerable<ulong> Shingles(string[] words)
    {
        if (words.Length == 0)
        {
            yield break;
        }
        if (words.Length < ShingleWords)
        {
            yield return Hash(words);
            yield break;
        }
        for (var i = 0; i + ShingleWords <= words.Length; i++)
        {
            yield return Hash(words.AsSpan(i, ShingleWords));
        }
    }

    /// <summary>Folded, with links and digit runs blanked: "Points: 12" and "Points: 7" are one template line.</summary>
    private static string Normalize(string word)
    {
        if (word.Contains("://", StringComparison.Ordinal) || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return "<url>";
        }
        var folded = TextFold.Fold(word).Trim(Edges);
        var sb = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            if (char.IsAsciiDigit(folded[i]))
            {
                sb.Append('#');
                while (i + 1 < folded.Length && (char.IsAsciiDigit(folded[i + 1]) || (folded[i + 1] is '.' or ',' && i + 2 < folded.Length && char.IsAsciiDigit(folded[i + 2]))))
                {
                    i++;
                }
            }
            else
            {
                sb.Append(folded[i]);
            }
        }
        return sb.ToString();
    }

    private static readonly char[] Edges = [':', ';', ',', '.', '!', '?', '"', '\'', '(', ')', '[', ']', '“', '”', '：', '，', '。'];

    private static ulong Hash(ReadOnlySpan<string> words) => StoryText.Fnv(string.Join(' ', words.ToArray()), 'b');
}
