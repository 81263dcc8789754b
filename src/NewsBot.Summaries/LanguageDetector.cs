using System.Collections.Frozen;

namespace NewsBot.Summaries;

/// <summary>
/// Tells Chinese, English and anything else apart from the script mix and, for Latin text, the
/// share of common English function words. Japanese (kana) and Korean (hangul) are "other".
/// </summary>
public static class LanguageDetector
{
    private const int SampleChars = 4000;

    private static readonly FrozenSet<string> EnglishWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "the", "of", "and", "to", "in", "is", "a", "that", "for", "on", "was", "with", "he", "it", "as", "at", "by",
        "his", "said", "are", "be", "from", "has", "have", "an", "this", "they", "not", "but", "were", "which", "will",
        "their", "who", "had", "been", "would", "its", "she", "her", "we", "after", "there", "about", "more", "or",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishLookup =
        EnglishWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"zh", "en" or "other".</summary>
    public static string Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "other";
        }

        var sample = text.AsSpan(0, Math.Min(text.Length, SampleChars));
        int han = 0, kana = 0, hangul = 0, latin = 0, otherLetters = 0, words = 0, english = 0;
        var i = 0;
        while (i < sample.Length)
        {
            var c = sample[i];
            if (Script.IsHan(c))
            {
                han++;
            }
            else if (Script.IsKana(c))
            {
                kana++;
            }
            else if (Script.IsHangul(c))
            {
                hangul++;
            }
            else if (c < '\u0250' && char.IsLetter(c))
            {
                var start = i;
                while (i < sample.Length && sample[i] < '\u0250' && char.IsLetter(sample[i]))
                {
                    i++;
                }

                latin += i - start;
                words++;
                if (EnglishLookup.Contains(sample[start..i]))
                {
                    english++;
                }

                continue;
            }
            else if (char.IsLetter(c))
            {
                otherLetters++;
            }

            i++;
        }

        var cjk = han + kana + hangul;
        // A CJK character carries roughly as much as a Latin word; compare in those units.
        if (cjk > 0 && cjk >= words / 2 && cjk >= otherLetters / 4)
        {
            // Japanese uses kana for grammar even in kanji-heavy news text.
            return han > 0 && kana * 10 < han && hangul * 10 < han ? "zh" : "other";
        }

        if (words >= 3 && latin > otherLetters * 2 && english * 100 >= words * 12)
        {
            return "en";
        }

        return words > 0 && words < 3 && otherLetters == 0 && english == words ? "en" : "other";
    }
}
