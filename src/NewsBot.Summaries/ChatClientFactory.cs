using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace NewsBot.Summaries;

/// <summary>Builds the <see cref="IChatClient"/> for Summaries:Llm.</summary>
public static class ChatClientFactory
{
    /// <summary>
    /// A chat client for an OpenAI-compatible endpoint or Ollama. The client does not retry on its
    /// own: <see cref="LlmArticleSummarizer"/> owns the timeout, the single retry and the fallback.
    /// </summary>
    /// <exception cref="InvalidOperationException">Endpoint or Model is missing or unusable.</exception>
    public static IChatClient Create(LlmOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException("Summaries:Llm:Endpoint must be an absolute http(s) URL when Summaries:Provider is Llm.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException("Summaries:Llm:Model is required when Summaries:Provider is Llm.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Summaries:Llm:Timeout must be positive.");
        }

        return options.Api switch
        {
            LlmApi.Ollama => new OllamaApiClient(httpClient ?? new HttpClient { BaseAddress = options.Endpoint, Timeout = Timeout.InfiniteTimeSpan }, options.Model),
            _ => OpenAIChatClient(options, httpClient),
        };
    }

    private static IChatClient OpenAIChatClient(LlmOptions options, HttpClient? httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // A backstop only; the summarizer cancels much earlier through its own timeout.
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        // Local OpenAI-compatible servers (llama.cpp, vLLM, Ollama's /v1) need no key, but the client insists on one.
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }
}
