using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NewsBot.Tests.Discord.Fakes;

public sealed partial class FakeDiscordServer
{
    private readonly ConcurrentQueue<FakeGatewayConnection> _connections = new();
    private readonly ConcurrentDictionary<string, FakeSession> _sessions = new();
    private int _connectionCount;

    /// <summary>heartbeat_interval sent in HELLO, in milliseconds.</summary>
    public int HeartbeatIntervalMs { get; set; } = 41_250;

    /// <summary>Shard count identify must give; null accepts any.</summary>
    public int? RequiredShardCount { get; set; }

    /// <summary>All gateway connections so far, oldest first.</summary>
    public IReadOnlyList<FakeGatewayConnection> GatewayConnections => [.. _connections];

    /// <summary>Ids of the sessions still resumable.</summary>
    public IReadOnlyCollection<string> LiveSessions => [.. _sessions.Keys];

    /// <summary>Guild ids READY lists (as unavailable guilds).</summary>
    public IList<ulong> Guilds { get; } = [];

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        // Generous: a loaded CI machine must not turn a slow pass into a failure; a real failure never satisfies the condition.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the n-th gateway connection (1-based) to have identified or resumed.</summary>
    public async Task<FakeGatewayConnection> WaitForSessionAsync(int number, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => GatewayConnections.Count >= number && GatewayConnections[number - 1].SessionId is not null,
            $"gateway connection {number} to identify or resume", timeout);
        return GatewayConnections[number - 1];
    }

    /// <summary>Sends a dispatch on a live session (kept for replay if the client resumes).</summary>
    public Task SendDispatchAsync(string sessionId, string name, JsonNode data) =>
        _sessions.TryGetValue(sessionId, out var session)
            ? session.DispatchAsync(name, data)
            : throw new InvalidOperationException($"No live session {sessionId}.");

    /// <summary>
    /// Sends INTERACTION_CREATE for a slash command and registers its token for callbacks; <c>resolved</c> is the
    /// interaction's <c>data.resolved</c> (the attachments of an ATTACHMENT option).
    /// </summary>
    public Task<(ulong Id, string Token)> SendSlashCommandAsync(string sessionId, ulong guildId, ulong channelId, string name, JsonArray? options = null, string locale = "en-US", string permissions = "8", JsonObject? resolved = null)
    {
        var id = ulong.Parse(NewId(), CultureInfo.InvariantCulture);
        var token = "itoken-" + id;
        RegisterInteraction(id, token);
        var data = new JsonObject
        {
            ["id"] = Id(id),
            ["application_id"] = Id(ApplicationId),
            ["type"] = 2,
            ["token"] = token,
            ["version"] = 1,
            ["guild_id"] = Id(guildId),
            ["channel_id"] = Id(channelId),
            ["channel"] = new JsonObject { ["id"] = Id(channelId), ["type"] = 0, ["guild_id"] = Id(guildId) },
            ["locale"] = locale,
            ["guild_locale"] = "en-US",
            ["app_permissions"] = "2251799813685247",
            ["member"] = new JsonObject
            {
                ["permissions"] = permissions,
                ["user"] = new JsonObject { ["id"] = "400000000000000001", ["username"] = "alice", ["global_name"] = "Alice" },
            },
            ["data"] = new JsonObject { ["id"] = "500000000000000001", ["name"] = name, ["type"] = 1, ["options"] = options ?? [], ["resolved"] = resolved },
        };
        return SendDispatchAsync(sessionId, "INTERACTION_CREATE", data).ContinueWith(_ => (id, token), TaskScheduler.Default);
    }

    internal void EndSession(string id) => _sessions.TryRemove(id, out _);

    private async Task HandleGatewayAsync(HttpContext context, string path)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeGatewayConnection(Interlocked.Increment(ref _connectionCount), path, context.Request.QueryString.Value ?? "", socket, () => _clock.Elapsed);
        _connections.Enqueue(connection);
        try
        {
            if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
            {
                await connection.CloseAsync(4012, "Invalid API version");
                return;
            }
            connection.HelloAt = _clock.Elapsed;
            await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
            while (await connection.ReceiveAsync() is { } payload)
            {
                connection.Record(payload);
                if (!await HandlePayloadAsync(connection, payload))
                {
                    break;
                }
            }
        }
        finally
        {
            if (connection.ClientCloseStatus is 1000 or 1001 && connection.Session is { } s)
            {
                // A client that closes normally ends its session (Discord's rule).
                EndSession(s.Id);
            }
            if (connection.Session is { } session && session.Connection == connection)
            {
                session.Connection = null;
            }
            connection.Ended = true;
        }
    }

    private async Task<bool> HandlePayloadAsync(FakeGatewayConnection connection, JsonObject payload)
    {
        var op = payload["op"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : -1;
        switch (op)
        {
            case 1:
                if (!connection.WithholdHeartbeatAcks)
                {
                    await connection.SendAsync(new JsonObject { ["op"] = 11 });
                }
                return true;
            case 2 when connection.Session is not null:
                await connection.CloseAsync(4005, "Already authenticated");
                return false;
            case 2:
                return await IdentifyAsync(connection, payload["d"] as JsonObject);
            case 6:
                return await ResumeAsync(connection, payload["d"] as JsonObject);
            case 3 or 4 or 8 when connection.Session is not null:
                return true;
            case -1:
                await connection.CloseAsync(4002, "Decode error");
                return false;
            default:
                await connection.CloseAsync(connection.Session is null ? 4003 : 4001, connection.Session is null ? "Not authenticated" : "Unknown opcode");
                return false;
        }
    }

    private async Task<bool> IdentifyAsync(FakeGatewayConnection connection, JsonObject? d)
    {
        if ((string?)d?["token"] != BotToken)
        {
            await connection.CloseAsync(4004, "Authentication failed");
            return false;
        }
        if (d!["intents"] is not JsonValue intents || !intents.TryGetValue<int>(out _))
        {
            await connection.CloseAsync(4013, "Invalid intent(s)");
            return false;
        }
        var shard = d["shard"] as JsonArray;
        var shardId = (int?)shard?[0] ?? 0;
        var shardCount = (int?)shard?[1] ?? 1;
        if (shardId < 0 || shardId >= shardCount)
        {
            await connection.CloseAsync(4010, "Invalid shard");
            return false;
        }
        if (RequiredShardCount is { } required && shardCount != required)
        {
            await connection.CloseAsync(4011, "Sharding required");
            return false;
        }
        var session = new FakeSession(this, Guid.NewGuid().ToString("N"), shardId, shardCount) { Connection = connection };
        _sessions[session.Id] = session;
        connection.Session = session;
        connection.SessionId = session.Id;
        await session.DispatchAsync("READY", new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = Id(ApplicationId), ["username"] = "newsbot", ["bot"] = true },
            ["guilds"] = new JsonArray([.. Guilds.Select(g => (JsonNode)new JsonObject { ["id"] = Id(g), ["unavailable"] = true })]),
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = ResumeGatewayUrl,
            ["shard"] = new JsonArray(shardId, shardCount),
            ["application"] = new JsonObject { ["id"] = Id(ApplicationId), ["flags"] = 0 },
        });
        return true;
    }

    private async Task<bool> ResumeAsync(FakeGatewayConnection connection, JsonObject? d)
    {
        var id = (string?)d?["session_id"];
        if ((string?)d?["token"] != BotToken || id is null || !_sessions.TryGetValue(id, out var session)
            || d!["seq"] is not JsonValue seqValue || !seqValue.TryGetValue<int>(out var seq) || seq > session.Seq)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
            return true;
        }
        session.Connection?.Abort();
        session.Connection = connection;
        connection.Session = session;
        connection.SessionId = session.Id;
        await session.ReplayAsync(seq);
        await session.DispatchAsync("RESUMED", new JsonObject());
        return true;
    }

#pragma warning disable CA1001 // SemaphoreSlim without a wait handle needs no disposal
    /// <summary>A gateway session: its sequence and the events sent, kept for replay on resume.</summary>
    internal sealed class FakeSession(FakeDiscordServer server, string id, int shardId, int shardCount)
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly List<(int Seq, JsonObject Payload)> _sent = [];

        public FakeDiscordServer Server { get; } = server;
        public string Id { get; } = id;
        public int ShardId { get; } = shardId;
        public int ShardCount { get; } = shardCount;
        public int Seq { get; private set; }
        public FakeGatewayConnection? Connection { get; set; }

        public async Task DispatchAsync(string name, JsonNode data)
        {
            await _lock.WaitAsync();
            try
            {
                Seq++;
                var payload = new JsonObject { ["op"] = 0, ["t"] = name, ["s"] = Seq, ["d"] = data.DeepClone() };
                _sent.Add((Seq, payload));
                if (Connection is { } c)
                {
                    await c.SendAsync(payload);
                }
            }
            finally
            {
                _lock.Release();
            }
        }

        public async Task ReplayAsync(int after)
        {
            await _lock.WaitAsync();
            try
            {
                foreach (var (seq, payload) in _sent.Where(e => e.Seq > after && (string?)e.Payload["t"] != "RESUMED"))
                {
                    await Connection!.SendAsync(payload);
                }
            }
            finally
            {
                _lock.Release();
            }
        }
    }
#pragma warning restore CA1001
}
