using System.Text.RegularExpressions;

namespace NewsBot.Summaries;

/// <summary>The languages a channel may ask its summaries in: BCP 47 tags, Chinese by script.</summary>
public static partial class SummaryLanguages
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["zh-Hans"] = "Simplified Chinese",
        ["zh-Hant"] = "Traditional Chinese",
        ["zh-TW"] = "Traditional Chinese as written in Taiwan",
        ["zh-HK"] = "Traditional Chinese as written in Hong Kong",
        ["ja"] = "Japanese",
        ["ko"] = "Korean",
        ["fr"] = "French",
        ["de"] = "German",
        ["es"] = "Spanish",
        ["pt"] = "Portuguese",
        ["it"] = "Italian",
        ["ru"] = "Russian",
        ["uk"] = "Ukrainian",
        ["vi"] = "Vietnamese",
        ["ar"] = "Arabic",
        ["hi"] = "Hindi",
        ["id"] = "Indonesian",
        ["tr"] = "Turkish",
        ["nl"] = "Dutch",
        ["pl"] = "Polish",
        ["th"] = "Thai",
    };

    /// <summary>The canonical tag of what a person typed ("zh-tw" → "zh-TW", "zh-cn" → "zh-Hans", "EN-us" → "en"), or null.</summary>
    public static string? Normalize(string? input)
    {
        var text = input?.Trim() ?? "";
        if (!Tag().IsMatch(text))
        {
            return null;
        }
        var parts = text.Replace('_', '-').Split('-');
        var primary = parts[0].ToLowerInvariant();
        if (primary == "zh")
        {
            var rest = string.Join('-', parts[1..]).ToLowerInvariant();
            return rest switch
            {
                "" or "hans" or "cn" or "sg" or "hans-cn" or "hans-sg" => "zh-Hans",
                "tw" or "hant-tw" => "zh-TW",
                "hk" or "mo" or "hant-hk" or "hant-mo" => "zh-HK",
                "hant" => "zh-Hant",
                _ => null,
            };
        }
        return Names.ContainsKey(primary) ? primary : null;
    }

    /// <summary>"zh" for any Chinese, else the primary subtag: what <see cref="LanguageDetector"/> answers for text in it.</summary>
    public static string Base(string tag) => tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : tag.Split('-')[0].ToLowerInvariant();

    public static string Name(string tag) => Names.TryGetValue(tag, out var name) ? name : tag;

    /// <summary>The tags <see cref="Normalize"/> accepts, for help texts and choices.</summary>
    public static IReadOnlyCollection<string> Known => Names.Keys;

    /// <summary>
    /// Whether an article in <paramref name="articleLanguage"/> (LanguageDetector's answer) needs translating for a channel
    /// that wants <paramref name="tag"/>: not when they are the same language; Chinese in the other script is converted offline.
    /// </summary>
    public static bool NeedsTranslation(string tag, string? articleLanguage) => Base(tag) != (articleLanguage ?? "other");

    [GeneratedRegex("^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
