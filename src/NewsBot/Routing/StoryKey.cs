using System.Numerics;

namespace NewsBot.Routing;

/// <summary>
/// What decides that two articles are one story. The 64-bit SimHash (<see cref="Hash"/>, stored on the article) finds
/// candidates cheaply; a candidate is confirmed only when the two headlines share words of their own, the cleaned
/// title and lead together are alike enough (weighted Jaccard), and they do not disagree on numbers or names. Shared
/// leads alone never merge: feeds write descriptions from templates, and a template says nothing about the story. Market wraps and fixings are written from templates that differ
/// only in numbers, and those are exactly the stories a fingerprint alone cannot tell apart.
/// </summary>
public sealed class StoryKey
{
    /// <summary>Hashes further apart than this are never the same story; closer ones are checked on their features.</summary>
    public const int CandidateDistance = 22;

    /// <summary>Weighted Jaccard of the features above which a candidate is the same story.</summary>
    public const double MinSimilarity = 0.25;

    /// <summary>When both mention numbers, at least this share of the shorter list must be in the other.</summary>
    public const double MinNumberAgreement = 0.5;

    /// <summary>Headline features two articles must share at least, whatever their leads say.</summary>
    public const int MinSharedTitleFeatures = 2;

    /// <summary>Share of the shorter headline's features the other headline must carry.</summary>
    public const double MinTitleOverlap = 0.2;

    /// <summary>From this share of the shorter headline on, the headlines alone are evidence enough.</summary>
    public const double StrongTitleOverlap = 0.5;

    /// <summary>Below it, the leads must also share this many features of their own (not words of their headlines).</summary>
    public const int MinSharedLeadFeatures = 3;

    /// <summary>The headline counts three times: it is what outlets keep closest when they rewrite a story.</summary>
    private const int TitleWeight = 3;

    /// <summary>Too few features make every short headline look alike; those get no key and are never merged.</summary>
    private const int MinFeatures = 4;

    private readonly ulong[] _features;
    private readonly int[] _weights;
    private readonly ulong[] _numbers;
    private readonly ulong[] _distinctive;
    private readonly ulong[] _titleNumbers;
    private readonly ulong[] _headNumbers;
    private readonly ulong[] _names;
    private readonly ulong[] _headNames;
    private readonly ulong[] _titleFeatures;
    private readonly ulong[] _leadOnly;

    private StoryKey(long? hash, ulong[] titleFeatures, ulong[] leadOnly, ulong[] features, int[] weights, ulong[] numbers, ulong[] distinctive, ulong[] titleNumbers, ulong[] headNumbers, ulong[] names, ulong[] headNames)
    {
        _headNames = headNames;
        _titleFeatures = titleFeatures;
        _leadOnly = leadOnly;
        _titleNumbers = titleNumbers;
        _headNumbers = headNumbers;
        _names = names;
        Hash = hash;
        _features = features;
        _weights = weights;
        _numbers = numbers;
        _distinctive = distinctive;
    }

    /// <summary>Null when the article is too short to judge.</summary>
    public long? Hash { get; }

    public static StoryKey Of(string? title, string? text)
    {
        var features = new Dictionary<ulong, int>();
        var numbers = new HashSet<ulong>();
        var distinctive = new HashSet<ulong>();
        var titleNumbers = new HashSet<ulong>();
        var cleanTitle = StoryText.Title(title);
        var lead = StoryText.Lead(text);
        var foldedLead = TextFold.Fold(lead);
        StoryText.Features(TextFold.Fold(cleanTitle), TitleWeight, features, titleNumbers, distinctive);
        var titleFeatures = features.Keys.ToArray();
        Array.Sort(titleFeatures);
        var leadFeatures = new Dictionary<ulong, int>();
        StoryText.Features(foldedLead, 1, leadFeatures, numbers, distinctive);
        // What the lead says beyond its own headline: a description that only repeats the title adds no evidence.
        var leadOnly = leadFeatures.Keys.Where(k => !features.ContainsKey(k)).ToArray();
        Array.Sort(leadOnly);
        foreach (var (feature, weight) in leadFeatures)
        {
            features[feature] = features.GetValueOrDefault(feature) + weight;
        }
        if (features.Count < MinFeatures)
        {
            return new StoryKey(null, [], [], [], [], [], [], [], [], [], []);
        }
        numbers.UnionWith(titleNumbers);
        // The headline and the first sentence: where the numbers that are the news sit, apart from incidental ones.
        var headNumbers = new HashSet<ulong>(titleNumbers);
        var firstBreak = lead.IndexOf('\n', StringComparison.Ordinal);
        var firstSentence = firstBreak < 0 ? lead : lead[..firstBreak];
        StoryText.Numbers(TextFold.Fold(firstSentence), headNumbers);
        var names = new HashSet<ulong>();
        StoryText.Names(cleanTitle, lead, names);
        var headNames = new HashSet<ulong>();
        StoryText.Names(cleanTitle, firstSentence, headNames);
        var keys = features.Keys.ToArray();
        Array.Sort(keys);
        var weights = new int[keys.Length];
        Span<int> bits = stackalloc int[64];
        for (var k = 0; k < keys.Length; k++)
        {
            var w = weights[k] = features[keys[k]];
            var h = keys[k];
            for (var bit = 0; bit < 64; bit++)
            {
                bits[bit] += ((h >> bit) & 1) == 1 ? w : -w;
            }
        }
        ulong hash = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (bits[bit] > 0)
            {
                hash |= 1UL << bit;
            }
        }
        return new StoryKey(unchecked((long)hash), titleFeatures, leadOnly, keys, weights, Sorted(numbers), Sorted(distinctive), Sorted(titleNumbers), Sorted(headNumbers), Sorted(names), Sorted(headNames));
    }

    public bool SameStory(StoryKey other) =>
        Hash is { } a && other.Hash is { } b
        && BitOperations.PopCount(unchecked((ulong)(a ^ b))) <= CandidateDistance
        && HeadlinesAgree(other)
        && NumbersAgree(_numbers, other._numbers)
        && NumbersAgree(_distinctive, other._distinctive)
        && HeadlineNumbersAgree(other)
        && NamesAgree(other)
        && Similarity(other) >= MinSimilarity;

    /// <summary>Weighted Jaccard: the sum of the smaller weights over the sum of the larger, across all features.</summary>
    public double Similarity(StoryKey other)
    {
        long min = 0, max = 0;
        int i = 0, j = 0;
        var a = _features;
        var b = other._features;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j]))
            {
                max += _weights[i++];
            }
            else if (i == a.Length || b[j] < a[i])
            {
                max += other._weights[j++];
            }
            else
            {
                min += Math.Min(_weights[i], other._weights[j]);
                max += Math.Max(_weights[i++], other._weights[j++]);
            }
        }
        return max == 0 ? 0 : (double)min / max;
    }

    /// <summary>
    /// The evidence must come from the headlines: they share at least <see cref="MinSharedTitleFeatures"/> words (or
    /// CJK bigrams, or numbers), and that is a fair share of the shorter one. Headlines that share only a little
    /// ("City council approves …" and "City council delays …") also need leads that agree on facts their headlines do
    /// not state; a lead that merely repeats its headline, as Google News and hnrss descriptions do, cannot supply them.
    /// </summary>
    private bool HeadlinesAgree(StoryKey other)
    {
        var shared = Shared(_titleFeatures, other._titleFeatures);
        var shorter = Math.Min(_titleFeatures.Length, other._titleFeatures.Length);
        if (shared < MinSharedTitleFeatures || shared < MinTitleOverlap * shorter)
        {
            return false;
        }
        return shared >= StrongTitleOverlap * shorter || Shared(_leadOnly, other._leadOnly) >= MinSharedLeadFeatures;
    }

    /// <summary>
    /// A number in a headline is the news ("沪指涨0.52%", "recall 1.2 million"): when either headline has one, the
    /// other's headline or first sentence must carry one of them, or the reverse. Articles without numbers say nothing.
    /// </summary>
    private bool HeadlineNumbersAgree(StoryKey other)
    {
        if ((_titleNumbers.Length == 0 && other._titleNumbers.Length == 0) || _numbers.Length == 0 || other._numbers.Length == 0)
        {
            return true;
        }
        return Shared(_titleNumbers, other._headNumbers) > 0 || Shared(other._titleNumbers, _headNumbers) > 0;
    }

    /// <summary>
    /// Who the story is about sits in the headline and first sentence; a name shared only further down is often an
    /// incidental one ("in Frankfurt"). When both heads name someone, one head's names must be in the other's lead.
    /// </summary>
    private bool NamesAgree(StoryKey other)
    {
        if (_names.Length == 0 || other._names.Length == 0)
        {
            return true;
        }
        if (_headNames.Length == 0 || other._headNames.Length == 0)
        {
            return Shared(_names, other._names) > 0;
        }
        return Shared(_headNames, other._names) > 0 || Shared(other._headNames, _names) > 0;
    }

    private static ulong[] Sorted(HashSet<ulong> set)
    {
        var array = set.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>One side without numbers says nothing; two lists that mostly differ are two different reports.</summary>
    private static bool NumbersAgree(ulong[] a, ulong[] b) =>
        a.Length == 0 || b.Length == 0 || Shared(a, b) >= MinNumberAgreement * Math.Min(a.Length, b.Length);

    /// <summary>How many values two sorted arrays have in common.</summary>
    private static int Shared(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j])
            {
                i++;
            }
            else if (b[j] < a[i])
            {
                j++;
            }
            else
            {
                shared++;
                i++;
                j++;
            }
        }
        return shared;
    }
}
