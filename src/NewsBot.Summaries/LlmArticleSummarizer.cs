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

    /// <summary>
    /// The headline and a summary written in <paramref name="language"/> (a <see cref="SummaryLanguages"/> tag) for a
    /// channel that reads that language, or null when the model gave nothing usable: the channel then gets the
    /// article's own summary. Tried once; the article's own summary was already made.
    /// </summary>
    public async Task<(string Title, string Summary)?> SummarizeInAsync(string title, string text, string language, CancellationToken ct)
    {
        var input = ArticleInput(text ?? "", options.Llm.MaxInputChars);
        var maxChars = options.MaxChars;
        var system =
            $"You are a news editor writing briefs for a chat channel whose readers read {SummaryLanguages.Name(language)}. " +
            $"Translate the headline into {SummaryLanguages.Name(language)}, then summarize the article in it in 1 to 3 plain sentences " +
            $"and at most {maxChars} characters, leading with who, what, when, where. " +
            "Answer with exactly two lines: the translated headline on the first, the summary on the second. No labels, no markdown, no HTML.";
        var user = input.Length == 0 ? $"Headline: {title.Trim()}" : $"Headline: {title.Trim()}\n\n{input}";
        using var timeout = new CancellationTokenSource(options.Llm.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        string? answer;
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)],
                new ChatOptions { Temperature = 0.2f, MaxOutputTokens = (maxChars * 3) + 128 }, linked.Token);
            answer = response.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("LLM summary in {Language} failed: {Error}", language, OneLine(e.Message));
            return null;
        }

        var lines = (answer ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expected = SummaryLanguages.Base(language) is "zh" or "en" ? SummaryLanguages.Base(language) : "other";
        // A headline is too short for the language detector to judge; the summary below it is checked for the language.
        var reason = "not two lines";
        var translatedTitle = lines.Length >= 2 ? LlmAnswer.Accept(lines[0], "other", 300, out reason) : null;
        var summary = translatedTitle is null ? null : LlmAnswer.Accept(string.Join(' ', lines[1..]), expected, maxChars, out reason);
        if (translatedTitle is null || summary is null)
        {
            logger.LogInformation("LLM summary in {Language} rejected ({Reason}); the channel gets the article's own", language, reason);
            return null;
        }
        return (translatedTitle, summary);
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
