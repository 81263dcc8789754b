using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NewsBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    private const int MaxAttempts = 8;
    private const int MaxServerErrorRetries = 2;

    private readonly HttpClient _http;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _apiBase;
    private readonly GlobalRateLimit _global;

    // Discord names buckets in X-RateLimit-Bucket; several routes may share one. Until a route's
    // bucket is known, the route itself stands in for it. Requests of one route and top-level
    // resource queue on one gate that never changes, so learning the bucket's name mid-burst
    // cannot let two of them run at once.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<string, string> _bucketOfRoute = new();
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new();

    // Channels that answered 403/404: sending again only spends the invalid-request allowance
    // (10,000 per 10 minutes before an IP ban), so they are refused here until resumed.
    private readonly ConcurrentDictionary<ulong, DiscordApiException> _stoppedChannels = new();
    private DiscordApiException? _unauthorized;

    /// <summary>True when the channel answered 403/404 and sends to it are refused until <see cref="ResumeChannel"/>.</summary>
    public bool IsChannelStopped(ulong channelId) => _stoppedChannels.ContainsKey(channelId);

    /// <summary>Allows sends to a stopped channel again (for example after the bot got its permission back).</summary>
    public void ResumeChannel(ulong channelId) => _stoppedChannels.TryRemove(channelId, out _);

    /// <summary>True while a global 429 holds every request (tests use it to act at the right moment).</summary>
    internal bool IsGloballyBlocked => _global.IsBlocked;

    private async Task<T?> SendAsync<T>(DiscordRoute route, object? body, CancellationToken cancellationToken, Func<HttpContent>? upload = null)
    {
        var content = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DiscordJson.Options);
        var serverErrors = 0;
        var rateLimited = 0;
        while (true)
        {
            ThrowIfStopped(route);
            var gate = _gates.GetOrAdd(route.RouteKey + "|" + route.Major, static _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            var bucket = BucketFor(route);
            TimeSpan? retryIn = null;
            try
            {
                for (var wait = bucket.Reserve(_time); wait > TimeSpan.Zero; wait = bucket.Reserve(_time))
                {
                    await Task.Delay(wait, _time, cancellationToken);
                }
                var slot = route.ExemptFromGlobal ? null : await _global.WaitAsync(cancellationToken);
                using var request = BuildRequest(route, content, upload);
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                }
                finally
                {
                    _global.Complete(slot);
                }
                using var _ = response;
                var learned = Learn(route, bucket, response.Headers);

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var (retryAfter, global) = await ReadRateLimitAsync(response, cancellationToken);
                    if (retryAfter > _options.MaxRateLimitWait || ++rateLimited >= MaxAttempts)
                    {
                        throw await ErrorAsync(route, response, cancellationToken);
                    }
                    if (global)
                    {
                        _global.Block(retryAfter);
                    }
                    else
                    {
                        bucket.Block(retryAfter, _time);
                        learned?.Block(retryAfter, _time);
                    }
                    continue;
                }
                if ((int)response.StatusCode >= 500 && serverErrors < MaxServerErrorRetries)
                {
                    // 502/503 are transient on Discord's side; every write here is safe to repeat
                    // (nonces make message creation idempotent).
                    serverErrors++;
                    retryIn = TimeSpan.FromSeconds(serverErrors);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ErrorAsync(route, response, cancellationToken);
                    Remember(route, error);
                    throw error;
                }
                if (response.StatusCode == HttpStatusCode.NoContent || typeof(T) == typeof(object))
                {
                    return default;
                }
                try
                {
                    return await response.Content.ReadFromJsonAsync<T>(DiscordJson.Options, cancellationToken)
                        ?? throw new JsonException("the body was null");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"Discord answered {route.Display} with JSON this client cannot read: {e.Message}", e);
                }
            }
            finally
            {
                gate.Release();
                if (retryIn is { } delay)
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
            }
        }
    }

    private HttpRequestMessage BuildRequest(DiscordRoute route, byte[]? content, Func<HttpContent>? upload)
    {
        var request = new HttpRequestMessage(route.Method, new Uri(_apiBase, route.Path));
        if (route.UsesBotToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _options.BotToken);
        }
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (upload is not null)
        {
            // A fresh body per attempt: a sent request disposes its content, and a 429 sends it again.
            request.Content = upload();
        }
        else if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        return request;
    }

    private RateLimitBucket BucketFor(DiscordRoute route)
    {
        var name = _bucketOfRoute.TryGetValue(route.RouteKey, out var hash) ? hash : route.RouteKey;
        return _buckets.GetOrAdd(name + "|" + route.Major, static _ => new RateLimitBucket());
    }

    /// <summary>Records the response's headers; returns the bucket under its real name when that is not the one used.</summary>
    private RateLimitBucket? Learn(DiscordRoute route, RateLimitBucket current, HttpResponseHeaders headers)
    {
        current.Update(headers, _time);
        if (!headers.TryGetValues("X-RateLimit-Bucket", out var values) || values.FirstOrDefault() is not { Length: > 0 and <= 128 } hash)
        {
            return null;
        }
        _bucketOfRoute[route.RouteKey] = hash;
        var named = _buckets.GetOrAdd(hash + "|" + route.Major, static _ => new RateLimitBucket());
        if (ReferenceEquals(named, current))
        {
            return null;
        }
        // The request went out under the provisional name (or the route moved to another bucket);
        // the next one looks up the real name, so it must find what this response said.
        current.CopyTo(named);
        return named;
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        double? seconds = null;
        var global = false;
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    seconds = r.GetDouble();
                }
                global = doc.RootElement.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's own 429 page is HTML; the headers below still say how long to wait.
        }
        seconds ??= RateLimitBucket.Header(response.Headers, "Retry-After") ?? RateLimitBucket.Header(response.Headers, "X-RateLimit-Reset-After");
        global |= response.Headers.TryGetValues("X-RateLimit-Global", out _)
            || (response.Headers.TryGetValues("X-RateLimit-Scope", out var scope) && scope.FirstOrDefault() == "global");
        var value = seconds is { } s && double.IsFinite(s) && s >= 0 ? s : 1;
        return (TimeSpan.FromSeconds(Math.Min(value, TimeSpan.FromDays(1).TotalSeconds)), global);
    }

    private static async Task<DiscordApiException> ErrorAsync(DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var code = 0;
        string? message = null;
        string? errors = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n))
                {
                    code = n;
                }
                if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                {
                    message = m.GetString();
                }
                if (root.TryGetProperty("errors", out var e))
                {
                    errors = e.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            message = OneLine(text);
        }
        return new DiscordApiException(response.StatusCode, code, message ?? response.ReasonPhrase ?? "no message", route.Display, errors);
    }

    private void Remember(DiscordRoute route, DiscordApiException error)
    {
        if (error.HttpStatus == HttpStatusCode.Unauthorized && route.UsesBotToken)
        {
            _unauthorized = error;
        }
        else if (route.ChannelId is { } channel && error.IsChannelUnusable)
        {
            _stoppedChannels[channel] = error;
        }
    }

    private void ThrowIfStopped(DiscordRoute route)
    {
        var earlier = route.UsesBotToken ? _unauthorized : null;
        if (earlier is null && route.ChannelId is { } channel)
        {
            _stoppedChannels.TryGetValue(channel, out earlier);
        }
        if (earlier is not null)
        {
            throw new DiscordApiException(earlier.HttpStatus, earlier.Code, earlier.DiscordMessage, route.Display, earlier.Errors, fromEarlierFailure: true);
        }
    }

    private static string OneLine(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text.AsSpan(0, Math.Min(text.Length, 200)))
        {
            sb.Append(char.IsControl(ch) ? ' ' : ch);
        }
        return sb.Length == 0 ? "empty body" : sb.ToString().Trim();
    }
}
