using NewsBot.Routing;

namespace NewsBot.Benchmarks.Topics;

/// <summary>
/// The peer for near-duplicate detection: a 64-slot MinHash over shingles of three consecutive tokens (Latin words,
/// single CJK characters) of the folded title and first 400 characters, same story when the estimated Jaccard reaches
/// <see cref="Threshold"/>. No cleaning, no numbers check: the textbook w-shingling method, to compare cost and quality
/// with our SimHash story keys. (Single-token shingles were tried first: over the generated articles' small vocabulary
/// nearly every pair looked alike, 95,886 false merges, which made the peer a straw man.)
/// </summary>
public static class MinHashPeer
{
    public const int Slots = 64;
    public const double Threshold = 0.5;

    /// <summary>Tokens per shingle.</summary>
    public const int Width = 3;

    private static readonly (ulong A, ulong B)[] Permutations = MakePermutations();

    public static uint[] Of(string title, string text)
    {
        var folded = TextFold.Fold(title + "\n" + (text.Length > 400 ? text[..400] : text));
        var signature = new uint[Slots];
        Array.Fill(signature, uint.MaxValue);
        // The last Width token hashes, newest first; a shingle is hashed from them once Width tokens are seen.
        Span<ulong> window = stackalloc ulong[Width];
        var tokens = 0;
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            int start = i, length;
            if (TextFold.IsCjk(c))
            {
                length = 1;
                i++;
            }
            else if (TextFold.IsWordChar(c))
            {
                while (i < folded.Length && TextFold.IsWordChar(folded[i]))
                {
                    i++;
                }
                length = i - start;
            }
            else
            {
                i++;
                continue;
            }
            window[..^1].CopyTo(window[1..]);
            window[0] = Fnv(folded.AsSpan(start, length));
            if (++tokens < Width)
            {
                continue;
            }
            var h = Mix(window);
            for (var s = 0; s < Slots; s++)
            {
                var v = (uint)(((Permutations[s].A * h) + Permutations[s].B) >> 32);
                if (v < signature[s])
                {
                    signature[s] = v;
                }
            }
        }
        return signature;
    }

    public static double Jaccard(uint[] a, uint[] b)
    {
        var equal = 0;
        for (var s = 0; s < Slots; s++)
        {
            equal += a[s] == b[s] ? 1 : 0;
        }
        return (double)equal / Slots;
    }

    private static ulong Fnv(ReadOnlySpan<char> s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h ^ (h >> 29);
    }

    /// <summary>Order matters in a shingle: "rates cut" and "cut rates" differ.</summary>
    private static ulong Mix(ReadOnlySpan<ulong> window)
    {
        var h = 0UL;
        foreach (var t in window)
        {
            h = (h * 0x9E3779B97F4A7C15UL) ^ t;
        }
        return h ^ (h >> 31);
    }

    private static (ulong, ulong)[] MakePermutations()
    {
        var random = new Random(1234);
        return Enumerable.Range(0, Slots).Select(_ => ((ulong)random.NextInt64() | 1, (ulong)random.NextInt64())).ToArray();
    }
}
