using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Summaries;

/// <summary>
/// An OpenAI-compatible chat completions server on 127.0.0.1: POST /v1/chat/completions answers
/// with the real response JSON shape; each test decides the status, delay and content.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAIServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The endpoint to configure: the server root plus /v1.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The parsed JSON body of every request received, in order.</summary>
    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public int StatusCode { get; set; } = 200;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public string Content { get; set; } = "";

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeOpenAIServer? server = null;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            server!.Requests.Enqueue(body!);
            if (server.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(server.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = server.StatusCode;
            context.Response.ContentType = "application/json";
            if (server.StatusCode != 200)
            {
                await context.Response.WriteAsync("""{"error":{"message":"internal error","type":"server_error","code":null}}""");
                return;
            }

            var response = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["created"] = 1_730_000_000,
                ["model"] = body!["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = server.Content, ["refusal"] = null },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 40, ["total_tokens"] = 140 },
            };
            await context.Response.WriteAsync(response.ToJsonString(JsonSerializerOptions.Default));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeOpenAIServer(app, new Uri(address.TrimEnd('/') + "/v1"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
