using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace NewsBot.Summaries;

/// <summary>
/// Summaries from a chat model (Summaries:Provider=Llm), always falling back to the extractive
/// summary: after a timeout or an error the request is tried once more; a garbage answer
/// (empty, HTML, refusal, wrong language, over budget with no sentence that fits) is not retried.
/// </summary>
public sealed class LlmArticleSummarizer(
    IChatClient chat,
    SummariesOptions options,
    ExtractiveSummarizer fallback,
    TimeProvider time,
    ILogger<LlmArticleSummarizer> logger) : IArticleSummarizer
{
    private const int Attempts = 2;

    /// <inheritdoc />
    public async Task<string> SummarizeAsync(string? title, string text, CancellationToken ct)
    {
        var maxChars = options.MaxChars;
        var input = ArticleInput(text ?? "", options.Llm.MaxInputChars);
        if (input.Length == 0)
        {
            return fallback.Summarize(title, text ?? "", maxChars);
        }

        var language = LanguageDetector.Detect(input);
        var messages = Prompt(title, input, language, maxChars);
        var chatOptions = new ChatOptions
        {
            Temperature = 0.2f,
            // CJK text runs at about one token per character; Latin at about four characters per token.
            MaxOutputTokens = (maxChars * 2) + 64,
        };

        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var started = time.GetTimestamp();
            using var timeout = new CancellationTokenSource(options.Llm.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            string? answer;
            try
            {
                var response = await chat.GetResponseAsync(messages, chatOptions, linked.Token);
                answer = response.Text;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("LLM summary attempt {Attempt} timed out after {Timeout}", attempt, options.Llm.Timeout);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("LLM summary attempt {Attempt} failed: {Error}", attempt, OneLine(e.Message));
                continue;
            }

            var elapsed = time.GetElapsedTime(started);
            var accepted = LlmAnswer.Accept(answer, language, maxChars, out var reason);
            logger.LogInformation(
                "LLM summary: {InputChars} chars in, {OutputChars} chars out in {ElapsedMs:F0} ms{Verdict}",
                input.Length, answer?.Length ?? 0, elapsed.TotalMilliseconds, accepted is null ? $"; rejected: {reason}" : "");
            if (accepted is not null)
            {
                return accepted;
            }

            break;
        }

        logger.LogInformation("LLM summary unavailable; using the extractive summary");
        return fallback.Summarize(title, text ?? "", maxChars);
    }

    /// <summary>The cleaned article text, capped at <paramref name="maxInputChars"/> at a paragraph or sentence boundary.</summary>
    internal static string ArticleInput(string text, int maxInputChars)
    {
        var kept = new List<string>();
        var used = 0;
        foreach (var paragraph in TextCleaner.Paragraphs(text))
        {
            var length = TextLength.Count(paragraph) + (kept.Count > 0 ? 1 : 0);
            if (used + length <= maxInputChars)
            {
                kept.Add(paragraph);
                used += length;
                continue;
            }

            // Fill what is left with the paragraph's whole sentences; a first paragraph longer than the cap is cut.
            var room = maxInputChars - used - (kept.Count > 0 ? 1 : 0);
            var sentences = SentenceSplitter.Split(paragraph);
            var partial = new List<string>();
            foreach (var sentence in sentences)
            {
                if (TextLength.Count(ExtractiveSummarizer.Join(partial.Append(sentence))) > room)
                {
                    break;
                }

                partial.Add(sentence);
            }

            if (partial.Count > 0)
            {
                kept.Add(ExtractiveSummarizer.Join(partial));
            }
            else if (kept.Count == 0 && room > 0)
            {
                kept.Add(paragraph[..TextLength.PrefixLength(paragraph, room)]);
            }

            break;
        }

        return string.Join('\n', kept);
    }

    private static List<ChatMessage> Prompt(string? title, string input, string language, int maxChars)
    {
        var languageName = language switch
        {
            "zh" => "Chinese (the same script as the article, simplified or traditional)",
            "en" => "English",
            _ => "the same language as the article",
        };
        var system =
            $"You are a news editor writing briefs for a chat channel. Summarize the article in {languageName}, " +
            $"in 1 to 3 plain sentences and at most {maxChars} characters. Lead with the key facts: who, what, when, where. " +
            "Do not repeat the headline, add opinions, or mention that this is a summary. " +
            "Answer with the summary text only: no title, no preamble, no markdown, no HTML.";
        var user = string.IsNullOrWhiteSpace(title) ? input : $"Headline: {title.Trim()}\n\n{input}";
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)];
    }

    private static string OneLine(string message)
        => message.ReplaceLineEndings(" ").Length > 200 ? message.ReplaceLineEndings(" ")[..200] : message.ReplaceLineEndings(" ");
}
