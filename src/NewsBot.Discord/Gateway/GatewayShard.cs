using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace NewsBot.Discord.Gateway;

/// <summary>
/// One shard's connection to the gateway, kept alive across reconnects: HELLO, identify or resume,
/// heartbeats with zombie detection, and the reconnect rules of opcodes 7 and 9 and the close codes.
/// </summary>
internal sealed class GatewayShard(
    int shardId,
    int shardCount,
    string gatewayUrl,
    string token,
    int intents,
    IdentifyLimiter identifyLimiter,
    ChannelWriter<GatewayEvent> events,
    TimeProvider time)
{
    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private string? _sessionId;
    private string? _resumeUrl;
    private long? _sequence;

    /// <summary>Runs until cancelled or until Discord refuses the bot for good.</summary>
    /// <exception cref="DiscordGatewayException">A final close code (4004, 4010–4014).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var resumeFailures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resuming = _sessionId is not null;
            var url = resuming ? _resumeUrl ?? gatewayUrl : gatewayUrl;
            Report(GatewayStatus.Connecting, resuming ? "resuming on " + url : "connecting to " + url);
            Outcome outcome;
            try
            {
                outcome = await RunConnectionAsync(url, resuming, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Report(GatewayStatus.Stopped, "shutting down");
                throw;
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or JsonException or InvalidDataException or ObjectDisposedException or InvalidOperationException)
            {
                outcome = new Outcome(CloseAction.Resume, OneLine(e), Healthy: false);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                Report(GatewayStatus.Stopped, "shutting down");
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (outcome.Action == CloseAction.Stop)
            {
                Report(GatewayStatus.Stopped, outcome.Reason);
                throw new DiscordGatewayException($"Discord gateway shard {shardId} stopped: {outcome.Reason}", outcome.CloseCode);
            }
            failures = outcome.Healthy ? 0 : failures + 1;
            resumeFailures = resuming && !outcome.Healthy ? resumeFailures + 1 : 0;
            if (outcome.Action == CloseAction.Identify || resumeFailures >= 3)
            {
                // A resume URL that keeps failing is abandoned for a fresh session on the main URL.
                _sessionId = null;
                _resumeUrl = null;
                _sequence = null;
                resumeFailures = 0;
            }
            var delay = outcome.Delay ?? Backoff(failures);
            Report(GatewayStatus.Reconnecting, $"{outcome.Reason}; reconnecting in {delay.TotalSeconds:0.##} s");
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private TimeSpan Backoff(int failures) =>
        failures == 0 ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - 1), MaxBackoff.TotalSeconds) * (0.5 + (Random.Shared.NextDouble() / 2)));

    private async Task<Outcome> RunConnectionAsync(string url, bool resuming, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        // Not linked to the caller's token: cancelling a pending receive aborts the socket, and a
        // shutdown should instead close with 1000 (ending the session) and let the receive see it.
        using var connection = new CancellationTokenSource();
        var sendLock = new SemaphoreSlim(1, 1);
        using (var connectTimeout = new CancellationTokenSource(ConnectTimeout, time))
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token))
        {
            await socket.ConnectAsync(WithQuery(url), connect.Token);
        }

        using var shutdown = cancellationToken.Register(() => _ = ShutdownAsync(socket, sendLock, connection));
        try
        {
            JsonObject? hello;
            using (var helloTimeout = new CancellationTokenSource(HelloTimeout, time))
            using (var helloToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, helloTimeout.Token))
            {
                hello = await ReceiveAsync(socket, helloToken.Token);
            }
            if (hello is null)
            {
                return Closed(socket);
            }
            if ((int?)hello["op"] != 10 || hello["d"]?["heartbeat_interval"] is not JsonValue iv || !iv.TryGetValue<double>(out var intervalMs) || intervalMs <= 0)
            {
                return new Outcome(CloseAction.Resume, "the gateway did not start with HELLO", Healthy: false);
            }
            var interval = TimeSpan.FromMilliseconds(Math.Min(intervalMs, TimeSpan.FromMinutes(10).TotalMilliseconds));

            var heartbeat = new Heartbeat();
            var heartbeats = HeartbeatLoopAsync(socket, sendLock, interval, heartbeat, connection.Token);
            try
            {
                // Reading starts before identify: identify may wait up to 5 s for its turn, and the
                // heartbeat acks that arrive meanwhile must be seen or the connection looks dead.
                var receive = ReceiveLoopAsync(socket, sendLock, heartbeat, connection.Token);
                try
                {
                    if (resuming)
                    {
                        await SendAsync(socket, sendLock, new JsonObject
                        {
                            ["op"] = 6,
                            ["d"] = new JsonObject { ["token"] = token, ["session_id"] = _sessionId, ["seq"] = _sequence },
                        }, connection.Token);
                    }
                    else
                    {
                        using var wait = CancellationTokenSource.CreateLinkedTokenSource(connection.Token, cancellationToken);
                        await identifyLimiter.IdentifyAsync(shardId, () => SendAsync(socket, sendLock, Identify(), connection.Token), wait.Token);
                    }
                }
                catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                {
                    // The connection broke meanwhile; the receive loop reports how.
                }
                return await receive;
            }
            finally
            {
                await connection.CancelAsync();
                try
                {
                    await heartbeats;
                }
                catch (Exception)
                {
                    // The heartbeat loop ends with its connection; how it ended is the receive loop's to report.
                }
            }
        }
        finally
        {
            socket.Abort();
        }
    }

    private async Task ShutdownAsync(ClientWebSocket socket, SemaphoreSlim sendLock, CancellationTokenSource connection)
    {
        // 1000 ends the session, so the bot shows offline at once; give Discord a moment to echo it.
        await CloseQuietlyAsync(socket, sendLock, WebSocketCloseStatus.NormalClosure, "shutting down");
        try
        {
            connection.CancelAfter(TimeSpan.FromSeconds(1));
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private async Task<Outcome> ReceiveLoopAsync(ClientWebSocket socket, SemaphoreSlim sendLock, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        var healthy = false;
        while (true)
        {
            JsonObject? payload;
            try
            {
                payload = await ReceiveAsync(socket, cancellationToken);
            }
            catch (Exception e) when (heartbeat.Zombie && e is WebSocketException or OperationCanceledException)
            {
                payload = null;
            }
            if (heartbeat.Zombie)
            {
                return new Outcome(CloseAction.Resume, "no heartbeat ack before the next heartbeat (zombie connection)", healthy);
            }
            if (payload is null)
            {
                var closed = Closed(socket);
                return closed with { Healthy = healthy || closed.Healthy };
            }
            switch ((int?)payload["op"])
            {
                case 0:
                    if (payload["s"] is JsonValue s && s.TryGetValue<long>(out var seq))
                    {
                        _sequence = seq;
                    }
                    var name = (string?)payload["t"] ?? "";
                    if (name == "READY")
                    {
                        _sessionId = (string?)payload["d"]?["session_id"];
                        _resumeUrl = (string?)payload["d"]?["resume_gateway_url"] is { } r && Uri.TryCreate(r, UriKind.Absolute, out var ru) && ru.Scheme is "ws" or "wss" ? r : null;
                        healthy = true;
                        Report(GatewayStatus.Ready, $"session {_sessionId}");
                    }
                    else if (name == "RESUMED")
                    {
                        healthy = true;
                        Report(GatewayStatus.Resumed, $"session {_sessionId} at seq {_sequence}");
                    }
                    var data = payload["d"] is { } d ? JsonSerializer.SerializeToElement(d) : default;
                    await events.WriteAsync(new GatewayDispatch(shardId, name, _sequence ?? 0, data), cancellationToken);
                    break;
                case 1:
                    await SendHeartbeatAsync(socket, sendLock, heartbeat, cancellationToken);
                    break;
                case 7:
                    await CloseQuietlyAsync(socket, sendLock, (WebSocketCloseStatus)GatewayCloseCodes.ClientReconnect, "reconnect requested");
                    return new Outcome(CloseAction.Resume, "Discord asked to reconnect (op 7)", Healthy: true, Delay: TimeSpan.Zero);
                case 9:
                    var resumable = payload["d"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
                    await CloseQuietlyAsync(socket, sendLock, (WebSocketCloseStatus)GatewayCloseCodes.ClientReconnect, "invalid session");
                    // Discord asks for a random 1–5 s pause before identifying again.
                    return resumable
                        ? new Outcome(CloseAction.Resume, "invalid session (op 9), resumable", Healthy: true, Delay: TimeSpan.Zero)
                        : new Outcome(CloseAction.Identify, "invalid session (op 9), not resumable", Healthy: true,
                            Delay: TimeSpan.FromSeconds(1 + (Random.Shared.NextDouble() * 4)));
                case 11:
                    heartbeat.Acked();
                    break;
            }
        }
    }

    private async Task HeartbeatLoopAsync(ClientWebSocket socket, SemaphoreSlim sendLock, TimeSpan interval, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        // Only the first beat is jittered, so that shards reconnecting together do not beat together.
        await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (heartbeat.AwaitingAck)
            {
                heartbeat.Zombie = true;
                await CloseQuietlyAsync(socket, sendLock, (WebSocketCloseStatus)GatewayCloseCodes.ClientReconnect, "no heartbeat ack");
                socket.Abort();
                return;
            }
            await SendHeartbeatAsync(socket, sendLock, heartbeat, cancellationToken);
            await Task.Delay(interval, time, cancellationToken);
        }
    }

    private async Task SendHeartbeatAsync(ClientWebSocket socket, SemaphoreSlim sendLock, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        heartbeat.Sent();
        try
        {
            await SendAsync(socket, sendLock, new JsonObject { ["op"] = 1, ["d"] = _sequence }, cancellationToken);
        }
        catch (WebSocketException)
        {
            // The receive loop sees the broken connection and reconnects.
        }
    }

    private JsonObject Identify() => new()
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = token,
            ["intents"] = intents,
            ["shard"] = new JsonArray(shardId, shardCount),
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "newsbot", ["device"] = "newsbot" },
        },
    };

    private Outcome Closed(ClientWebSocket socket)
    {
        var code = (int?)socket.CloseStatus;
        var action = GatewayCloseCodes.Classify(code);
        var reason = "closed with " + GatewayCloseCodes.Describe(code)
            + (string.IsNullOrWhiteSpace(socket.CloseStatusDescription) ? "" : $" ({socket.CloseStatusDescription})");
        return new Outcome(action, reason, Healthy: false) { CloseCode = code };
    }

    private static async Task<JsonObject?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            if (message.Length + result.Count > MaxMessageBytes)
            {
                throw new InvalidDataException($"a gateway message exceeded {MaxMessageBytes / (1024 * 1024)} MiB");
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    throw new InvalidDataException("the gateway sent a binary frame; this client asks for encoding=json without compression");
                }
                return JsonNode.Parse(message.ToArray()) as JsonObject
                    ?? throw new InvalidDataException("the gateway sent JSON that is not an object");
            }
        }
    }

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim sendLock, JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task CloseQuietlyAsync(ClientWebSocket socket, SemaphoreSlim sendLock, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        try
        {
            await sendLock.WaitAsync(timeout.Token);
            try
            {
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            finally
            {
                sendLock.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is being dropped anyway.
        }
    }

    private static Uri WithQuery(string url)
    {
        var builder = new UriBuilder(url);
        builder.Query = "v=10&encoding=json";
        return builder.Uri;
    }

    private void Report(GatewayStatus status, string detail) =>
        events.TryWrite(new GatewayStatusChange(shardId, status, detail));

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ");

    private sealed record Outcome(CloseAction Action, string Reason, bool Healthy, TimeSpan? Delay = null)
    {
        public int? CloseCode { get; init; }
    }

    private sealed class Heartbeat
    {
        private int _awaiting;

        public bool AwaitingAck => Volatile.Read(ref _awaiting) == 1;

        public volatile bool Zombie;

        public void Sent() => Volatile.Write(ref _awaiting, 1);

        public void Acked() => Volatile.Write(ref _awaiting, 0);
    }
}
