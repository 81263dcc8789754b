using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NewsBot.Tests.Discord.Fakes;

// SemaphoreSlim needs disposing only when its wait handle is used, which it never is here.
#pragma warning disable CA1001
/// <summary>One WebSocket connection to the fake gateway, seen from the server side.</summary>
public sealed class FakeGatewayConnection
{
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _received = [];
    private readonly List<TimeSpan> _heartbeats = [];

    internal FakeGatewayConnection(int number, string path, string query, WebSocket socket, Func<TimeSpan> clock)
    {
        Number = number;
        Path = path;
        Query = query;
        _socket = socket;
        Clock = clock;
    }

    /// <summary>1 for the first connection to the server, 2 for the next…</summary>
    public int Number { get; }

    /// <summary>"/gateway" or "/resume".</summary>
    public string Path { get; }

    /// <summary>The query string the client connected with.</summary>
    public string Query { get; }

    /// <summary>Don't answer heartbeats with op 11, as a zombied connection would.</summary>
    public bool WithholdHeartbeatAcks { get; set; }

    /// <summary>Every payload the client sent, in order.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>When each heartbeat arrived (server clock).</summary>
    public IReadOnlyList<TimeSpan> Heartbeats
    {
        get
        {
            lock (_lock)
            {
                return [.. _heartbeats];
            }
        }
    }

    /// <summary>The op 2 payload's d, if the client identified.</summary>
    public JsonObject? Identify => Received.FirstOrDefault(p => (int?)p["op"] == 2)?["d"] as JsonObject;

    /// <summary>The op 6 payload's d, if the client resumed.</summary>
    public JsonObject? Resume => Received.FirstOrDefault(p => (int?)p["op"] == 6)?["d"] as JsonObject;

    /// <summary>The session this connection serves after identify or resume.</summary>
    public string? SessionId { get; internal set; }

    /// <summary>When identify arrived (server clock).</summary>
    public TimeSpan? IdentifiedAt { get; private set; }

    /// <summary>When HELLO was sent (server clock).</summary>
    public TimeSpan HelloAt { get; internal set; }

    /// <summary>The close code the client sent, if it closed with a close frame.</summary>
    public int? ClientCloseStatus { get; internal set; }

    /// <summary>True once the connection is over, however it ended.</summary>
    public bool Ended { get; internal set; }

    internal Func<TimeSpan> Clock { get; }

    internal FakeDiscordServer.FakeSession? Session { get; set; }

    /// <summary>Sends op 7 (reconnect).</summary>
    public Task SendReconnectAsync() => SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>Sends op 9 (invalid session); a non-resumable one also ends the session server-side.</summary>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable && Session is { } s)
        {
            s.Server.EndSession(s.Id);
        }
        return SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });
    }

    /// <summary>Sends op 1, asking the client for an immediate heartbeat.</summary>
    public Task RequestHeartbeatAsync() => SendAsync(new JsonObject { ["op"] = 1, ["d"] = null });

    /// <summary>Closes with a gateway close code; 4007, 4009 and the final codes end the session too.</summary>
    public async Task CloseAsync(int code, string reason)
    {
        if (code is 4007 or 4009 or 4004 or >= 4010 and <= 4014 && Session is { } s)
        {
            s.Server.EndSession(s.Id);
        }
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // Already gone; the close code matters only to a client still listening.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal void Abort() => _socket.Abort();

    internal void Record(JsonObject payload)
    {
        lock (_lock)
        {
            _received.Add(payload);
            if ((int?)payload["op"] == 1)
            {
                _heartbeats.Add(Clock());
            }
            if ((int?)payload["op"] == 2)
            {
                IdentifiedAt = Clock();
            }
        }
    }

    internal async Task SendAsync(JsonObject payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The client went away; the session keeps the event for a resume.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task<JsonObject?> ReceiveAsync()
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientCloseStatus = (int?)result.CloseStatus;
                await _sendLock.WaitAsync();
                try
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                }
                catch (WebSocketException)
                {
                }
                finally
                {
                    _sendLock.Release();
                }
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                try
                {
                    return JsonNode.Parse(message.ToArray()) as JsonObject ?? [];
                }
                catch (System.Text.Json.JsonException)
                {
                    return [];
                }
            }
        }
    }
}
