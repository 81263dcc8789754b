using System.Text;

namespace NewsBot.Summaries.Chinese;

/// <summary>
/// Simplified ↔ Traditional Chinese the way OpenCC converts: at each position the longest phrase of the phrase
/// dictionary that matches is replaced as a whole (头发 → 頭髮, not 頭發), and what no phrase covers goes character by
/// character (the first candidate). The dictionaries are OpenCC's own (Apache-2.0, Chinese/OpenCC), embedded.
/// </summary>
public sealed class ChineseConverter
{
    private static readonly Lazy<ChineseConverter> LazyToTraditional = new(() => new ChineseConverter(Load("STPhrases"), Load("STCharacters"), null));
    private static readonly Lazy<ChineseConverter> LazyToTaiwan = new(() => new ChineseConverter(Load("STPhrases"), Load("STCharacters"), Load("TWVariants")));
    private static readonly Lazy<ChineseConverter> LazyToSimplified = new(() => new ChineseConverter(Load("TSPhrases"), Load("TSCharacters"), null));

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _phrases;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _characters;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? _variants;
    private readonly int _longestPhrase;

    private ChineseConverter(Dictionary<string, string> phrases, Dictionary<string, string> characters, Dictionary<string, string>? variants)
    {
        _phrases = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        _characters = characters.GetAlternateLookup<ReadOnlySpan<char>>();
        _variants = variants?.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestPhrase = phrases.Keys.Max(k => k.Length);
    }

    /// <summary>Simplified → Traditional (OpenCC s2t).</summary>
    public static ChineseConverter ToTraditional => LazyToTraditional.Value;

    /// <summary>Simplified → Traditional, Taiwan character forms (OpenCC s2tw).</summary>
    public static ChineseConverter ToTaiwan => LazyToTaiwan.Value;

    /// <summary>Traditional → Simplified (OpenCC t2s).</summary>
    public static ChineseConverter ToSimplified => LazyToSimplified.Value;

    /// <summary>
    /// The converter a channel's summary language asks for, or null. The language is a tag as
    /// <see cref="SummaryLanguages.Normalize"/> stores it (which maps zh-CN, zh-MO and the rest onto these): zh-Hant and
    /// zh-HK want Traditional characters, zh-TW Taiwan's forms, zh-Hans Simplified ones.
    /// </summary>
    public static ChineseConverter? ForLanguage(string? language) => language?.ToLowerInvariant() switch
    {
        "zh-hant" or "zh-hk" => ToTraditional,
        "zh-tw" => ToTaiwan,
        "zh-hans" => ToSimplified,
        _ => null,
    };

    public string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ContainsHan(text))
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (!IsHanStart(span, i))
            {
                output.Append(span[i]);
                i++;
                continue;
            }
            var matched = 0;
            string? replacement = null;
            for (var length = Math.Min(_longestPhrase, span.Length - i); length >= 2; length--)
            {
                if (_phrases.TryGetValue(span.Slice(i, length), out replacement))
                {
                    matched = length;
                    break;
                }
            }
            if (matched == 0)
            {
                matched = char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]) ? 2 : 1;
                _characters.TryGetValue(span.Slice(i, matched), out replacement);
            }
            var piece = replacement is null ? span.Slice(i, matched) : FirstCandidate(replacement);
            AppendVariant(output, piece);
            i += matched;
        }
        return output.ToString();
    }

    private void AppendVariant(StringBuilder output, ReadOnlySpan<char> piece)
    {
        if (_variants is not { } variants)
        {
            output.Append(piece);
            return;
        }
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in piece.EnumerateRunes())
        {
            var written = rune.EncodeToUtf16(buffer);
            if (variants.TryGetValue(buffer[..written], out var variant))
            {
                output.Append(FirstCandidate(variant));
            }
            else
            {
                output.Append(buffer[..written]);
            }
        }
    }

    private static ReadOnlySpan<char> FirstCandidate(string values)
    {
        var space = values.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? values : values.AsSpan(0, space);
    }

    private static bool ContainsHan(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsHanStart(text, i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>CJK ideographs, their extensions (as surrogate pairs) and compatibility forms: what the dictionaries key on.</summary>
    private static bool IsHanStart(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        return c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') or '\u3007' || char.IsHighSurrogate(c);
    }

    private static Dictionary<string, string> Load(string name)
    {
        using var stream = typeof(ChineseConverter).Assembly.GetManifestResourceStream($"OpenCC.{name}.txt")
            ?? throw new InvalidOperationException($"the OpenCC dictionary {name} is not embedded in {typeof(ChineseConverter).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && tab < line.Length - 1)
            {
                map.TryAdd(line[..tab], line[(tab + 1)..]);
            }
        }
        return map;
    }
}
