using System.ComponentModel.DataAnnotations;

namespace NewsBot.Summaries;

public enum SummaryProvider
{
    Extractive,
    Llm,
}

/// <summary>The "Summaries" configuration section.</summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    [Range(40, 4000)]
    public int MaxChars { get; set; } = 280;

    public SummaryProvider Provider { get; set; } = SummaryProvider.Extractive;

    public LlmOptions Llm { get; set; } = new();
}

/// <summary>Which wire protocol the LLM endpoint speaks.</summary>
public enum LlmApi
{
    /// <summary>OpenAI-compatible chat completions; Endpoint is the base URL including /v1.</summary>
    OpenAI,

    /// <summary>Ollama's native API; Endpoint is the server root, e.g. http://127.0.0.1:11434.</summary>
    Ollama,
}

public sealed class LlmOptions
{
    public LlmApi Api { get; set; } = LlmApi.OpenAI;
    public Uri? Endpoint { get; set; }
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>At most this many characters of article text are sent to the model.</summary>
    public int MaxInputChars { get; set; } = 6000;
}
