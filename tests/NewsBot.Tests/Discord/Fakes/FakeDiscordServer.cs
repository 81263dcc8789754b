using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsBot.Discord;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>A request the fake received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path below the API base, e.g. "/channels/1/messages".</param>
/// <param name="Body">The parsed JSON body, or null.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="Status">The status the fake answered.</param>
/// <param name="At">When it arrived (fake's monotonic clock).</param>
/// <param name="Files">The <c>files[n]</c> parts of a multipart request (its <see cref="Body"/> is the <c>payload_json</c>); null for JSON requests.</param>
public sealed record RecordedRequest(string Method, string Path, JsonNode? Body, string? Authorization, int Status, TimeSpan At, IReadOnlyList<RecordedFile>? Files = null);

/// <summary>One uploaded file part.</summary>
/// <param name="Field">The form field, e.g. "files[0]".</param>
/// <param name="FileName">The part's file name.</param>
/// <param name="ContentType">The part's content type.</param>
/// <param name="Content">The bytes.</param>
public sealed record RecordedFile(string Field, string FileName, string ContentType, byte[] Content);

/// <summary>
/// A loopback Discord: REST on /api/v10 and the gateway on /gateway (and /resume for resume_gateway_url),
/// speaking the real payloads, rate-limit headers, error codes, opcodes and close codes. Tests configure
/// faults (429s, denied channels, withheld heartbeat acks, close codes) and read what the client sent.
/// Rules it enforces are written into <see cref="Violations"/>: a client that ignores a 429 or a bucket
/// limit, or sends an invalid body, shows up there.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    /// <summary>The token the fake accepts.</summary>
    public const string BotToken = "fake.bot-token";
    /// <summary>The fake application's id.</summary>
    public const ulong ApplicationId = 900000000000000001;

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Lock _lock = new();
    private readonly List<InjectedFailure> _failures = [];
    private readonly Dictionary<ulong, (int Status, int Code, string Message)> _deniedChannels = [];
    private readonly Dictionary<ulong, JsonObject> _channels = [];
    private readonly Dictionary<ulong, List<JsonObject>> _messages = [];
    private readonly Dictionary<string, JsonArray> _commands = [];
    private readonly Dictionary<string, (int Limit, TimeSpan Per)> _routeLimits = [];
    private readonly Dictionary<string, (int Count, TimeSpan ResetAt)> _windows = [];
    private readonly Dictionary<string, TimeSpan> _blockedUntil = [];
    private readonly Queue<TimeSpan> _globalWindow = new();
    private long _nextId = 1_100_000_000_000_000_000;

    private FakeDiscordServer(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port/api/v10</summary>
    public string ApiBaseUrl { get; private set; } = "";

    /// <summary>The gateway URL /gateway/bot hands out.</summary>
    public string GatewayUrl { get; private set; } = "";

    /// <summary>The resume_gateway_url READY hands out.</summary>
    public string ResumeGatewayUrl { get; private set; } = "";

    /// <summary>Validate bodies against Discord's spec when ../shared has it.</summary>
    public bool ValidateBodies { get; set; } = true;

    /// <summary>Requests per second before the fake answers a global 429.</summary>
    public int GlobalLimit { get; set; } = 50;

    /// <summary>Everything received, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Rules the client broke (ignored 429, exceeded bucket, invalid body); empty for a well-behaved client.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Starts on 127.0.0.1 with a free port.</summary>
    public static async Task<FakeDiscordServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var root = app.Urls.First().TrimEnd('/');
        server.ApiBaseUrl = root + "/api/v10";
        server.GatewayUrl = root.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";
        server.ResumeGatewayUrl = root.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume";
        server.AttachmentBaseUrl = root + CdnPrefix;
        return server;
    }

    /// <summary>Options that point a client at this fake.</summary>
    public DiscordOptions CreateOptions() => new()
    {
        BotToken = BotToken,
        ApplicationId = ApplicationId,
        ApiBaseUrl = ApiBaseUrl,
    };

    /// <summary>Requests whose method matches and whose path matches the regular expression.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPattern) =>
        Requests.Where(r => r.Method == method && Regex.IsMatch(r.Path, "^" + pathPattern + "$")).ToList();

    /// <summary>Messages posted in a channel (a repeated nonce does not post twice).</summary>
    public IReadOnlyList<JsonObject> MessagesIn(ulong channelId)
    {
        lock (_lock)
        {
            return _messages.TryGetValue(channelId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The registered commands, global (null) or of one guild.</summary>
    public JsonArray? CommandsOf(ulong? guildId)
    {
        lock (_lock)
        {
            return _commands.TryGetValue(guildId?.ToString(CultureInfo.InvariantCulture) ?? "global", out var a) ? (JsonArray)a.DeepClone() : null;
        }
    }

    /// <summary>Makes GET /channels/{id} answer this channel.</summary>
    public void AddChannel(ulong id, ulong? guildId, int type = 0, ulong? parentId = null)
    {
        lock (_lock)
        {
            _channels[id] = new JsonObject
            {
                ["id"] = Id(id),
                ["type"] = type,
                ["guild_id"] = guildId is null ? null : Id(guildId.Value),
                ["parent_id"] = parentId is null ? null : Id(parentId.Value),
                ["name"] = "channel-" + id,
            };
        }
    }

    /// <summary>Every request about this channel answers <paramref name="status"/> with Discord error <paramref name="code"/>.</summary>
    public void DenyChannel(ulong channelId, int status, int code, string message = "Missing Access")
    {
        lock (_lock)
        {
            _deniedChannels[channelId] = (status, code, message);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> matching calls with 429 and <paramref name="retryAfter"/> seconds.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="pathPattern">Regular expression for the whole path below the API base, e.g. "/channels/1/messages".</param>
    /// <param name="count">How many calls.</param>
    /// <param name="retryAfter">retry_after in seconds.</param>
    /// <param name="global">The global flag (and scope "global").</param>
    /// <param name="scope">X-RateLimit-Scope for non-global limits: "user" or "shared".</param>
    public void RateLimitNext(string method, string pathPattern, int count, double retryAfter, bool global = false, string scope = "user")
    {
        lock (_lock)
        {
            _failures.Add(new InjectedFailure(method, new Regex("^" + pathPattern + "$"), retryAfter, global, scope) { Remaining = count });
        }
    }

    /// <summary>Limits a route (by its template key, e.g. "POST /channels/{channel_id}/messages") per top-level resource.</summary>
    public void SetRouteLimit(string routeKey, int limit, TimeSpan per)
    {
        lock (_lock)
        {
            _routeLimits[routeKey] = (limit, per);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in GatewayConnections)
        {
            connection.Abort();
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path is "/gateway" or "/resume")
        {
            await HandleGatewayAsync(context, path);
            return;
        }
        if (path.StartsWith(CdnPrefix, StringComparison.Ordinal))
        {
            await ServeAttachmentAsync(context, path);
            return;
        }
        if (!path.StartsWith("/api/v10/", StringComparison.Ordinal))
        {
            await Answer(context, 404, Error(0, "404: Not Found"));
            return;
        }
        path = path["/api/v10".Length..];
        var method = context.Request.Method;
        JsonNode? body = null;
        List<RecordedFile>? files = null;
        if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            var (payload, parts, problem) = await ReadMultipartAsync(context.Request);
            if (problem is not null)
            {
                Record(method, path, null, context, problem.Value.Status, parts);
                await Answer(context, problem.Value.Status, problem.Value.Body);
                return;
            }
            (body, files) = (payload, parts);
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                Record(method, path, null, context, 400);
                await Answer(context, 400, Error(50109, "The request body contains invalid JSON."));
                return;
            }
        }
        var (status, response, headers) = await RouteAsync(method, path, body, context.Request.Headers.Authorization.ToString(), files);
        Record(method, path, body, context, status, files);
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }
        await Answer(context, status, response);
    }

    private void Record(string method, string path, JsonNode? body, HttpContext context, int status, IReadOnlyList<RecordedFile>? files = null)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new RecordedRequest(method, path, body, auth.Length == 0 ? null : auth, status, _clock.Elapsed, files));
    }

    private static async Task Answer(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }

    private void Violation(string text) => _violations.Enqueue(text);

    private static JsonObject Error(int code, string message, JsonNode? errors = null) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["errors"] = errors,
    };

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private string NewId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private sealed record InjectedFailure(string Method, Regex Path, double RetryAfter, bool Global, string Scope)
    {
        public int Remaining { get; set; }
    }
}
