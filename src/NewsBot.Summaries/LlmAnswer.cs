using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Summaries;

/// <summary>
/// Decides whether a model's answer is a usable summary. Over-long answers are trimmed to the
/// whole sentences that fit (the model's own lead stays intact); when not even the first
/// sentence fits, the answer is rejected and the extractive summary is used instead.
/// </summary>
internal static partial class LlmAnswer
{
    /// <summary>The cleaned summary, or null with <paramref name="reason"/> saying why it was rejected.</summary>
    public static string? Accept(string? answer, string articleLanguage, int maxChars, out string reason)
    {
        var text = Normalize(answer);
        if (text.Length == 0)
        {
            reason = "empty answer";
            return null;
        }

        if (Markup().IsMatch(text))
        {
            reason = "answer contains HTML or entities";
            return null;
        }

        if (Refusal().IsMatch(text))
        {
            reason = "answer is a refusal or a remark about itself";
            return null;
        }

        var language = LanguageDetector.Detect(text);
        if (articleLanguage != "other" && language != articleLanguage)
        {
            reason = $"answer is in '{language}', the article in '{articleLanguage}'";
            return null;
        }

        if (TextLength.Count(text) > maxChars)
        {
            var trimmed = WholeSentencesWithin(text, maxChars);
            if (trimmed.Length == 0)
            {
                reason = "answer is over budget and its first sentence alone does not fit";
                return null;
            }

            text = trimmed;
        }

        reason = "";
        return text;
    }

    private static string WholeSentencesWithin(string text, int maxChars)
    {
        var kept = new List<string>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            if (TextLength.Count(ExtractiveSummarizer.Join(kept.Append(sentence))) > maxChars)
            {
                break;
            }

            kept.Add(sentence);
        }

        return ExtractiveSummarizer.Join(kept);
    }

    // Chat models like to add labels, markdown and quotes around the text.
    private static string Normalize(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return "";
        }

        var builder = new StringBuilder(answer.Length);
        foreach (var raw in answer.AsSpan().EnumerateLines())
        {
            var line = raw.Trim().TrimStart("-*•#> ").Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(Script.IsCjk(builder[^1]) || builder[^1] is '。' or '！' or '？' ? "" : " ");
            }

            builder.Append(line);
        }

        var text = Label().Replace(builder.ToString(), "").Replace("**", "", StringComparison.Ordinal).Trim();
        if (text.Length >= 2 && ((text[0] == '"' && text[^1] == '"') || (text[0] == '“' && text[^1] == '”' && text.IndexOf('“', 1) < 0)))
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    [GeneratedRegex(@"^(summary|tl;?dr|摘要|总结|概要)\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    [GeneratedRegex(@"</?[A-Za-z!][^<>]*>|&(#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});")]
    private static partial Regex Markup();

    [GeneratedRegex(@"^(i'?m sorry|i am sorry|sorry,|i can(no|')t|i am unable|i'm unable|as an ai|as a language model|i apologi[sz]e|i do not have|i don't have|unfortunately,? i)|抱歉|对不起|我无法|我不能|作为(一个)?(AI|人工智能|语言模型)", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();
}
