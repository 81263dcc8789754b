using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NewsBot.Discord;
using NewsBot.Discord.Gateway;
using NewsBot.Discord.Rest;
using NewsBot.Tests.Discord.Fakes;
using Xunit.Abstractions;

namespace NewsBot.Tests.Discord;

[Collection(NewsBot.Tests.Support.TimingSensitive.Name)]
public sealed class DiscordGatewayTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    // Protocol time runs 10× faster than the wall clock: a 10 s heartbeat interval takes 1 s, slack enough for a loaded machine.
    private readonly ScaledTimeProvider _time = new(10);
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<GatewayEvent> _events = new();
    private FakeDiscordServer _server = null!;
    private DiscordGatewayClient _client = null!;
    private Task _run = Task.CompletedTask;
    private Task _read = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeDiscordServer.StartAsync();
        _server.HeartbeatIntervalMs = 10_000;
    }

    public async Task DisposeAsync()
    {
        // The shards' own account of what happened, for diagnosing a failure.
        if (_run.IsFaulted)
        {
            output.WriteLine("RunAsync failed: " + _run.Exception!.InnerException);
        }
        foreach (var e in _events)
        {
            output.WriteLine(e is GatewayDispatch d ? $"shard {d.ShardId}: {d.Name} #{d.Sequence}" : e.ToString());
        }
        await _stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_run, _read), Task.Delay(5000)).ContinueWith(_ => { }, TaskScheduler.Default);
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _stop.Dispose();
    }

    private void Start(Action<DiscordOptions>? configure = null)
    {
        var options = _server.CreateOptions();
        configure?.Invoke(options);
        _client = new DiscordGatewayClient(new DiscordRestClient(_http, options, _time), options, _time);
        _run = _client.RunAsync(_stop.Token);
        _read = Task.Run(async () =>
        {
            await foreach (var e in _client.Events.ReadAllAsync())
            {
                _events.Enqueue(e);
            }
        });
    }

    /// <summary>The first connection once the client, too, has seen READY on it.</summary>
    private async Task<FakeGatewayConnection> ReadyAsync()
    {
        var connection = await _server.WaitForSessionAsync(1);
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("READY").Any(), "the client to see READY");
        Assert.Single(_server.GatewayConnections);
        return connection;
    }

    private IEnumerable<GatewayDispatch> Dispatches(string name) => _events.OfType<GatewayDispatch>().Where(d => d.Name == name);

    private static IEnumerable<int?> Ops(FakeGatewayConnection c) => c.Received.Select(p => (int?)p["op"]);

    [Fact]
    public async Task Identifies_with_guilds_intent_beats_at_the_hello_interval_and_surfaces_interactions()
    {
        Start();

        var connection = await ReadyAsync();
        await FakeDiscordServer.WaitUntilAsync(() => connection.Heartbeats.Count >= 4, "four heartbeats");
        var (id, token) = await _server.SendSlashCommandAsync(connection.SessionId!, guildId: 222, channelId: 333, "subscribe",
            new JsonArray(new JsonObject { ["name"] = "feed", ["type"] = 3, ["value"] = "https://example.org/feed.xml", ["focused"] = true }), locale: "de");
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("INTERACTION_CREATE").Any(), "INTERACTION_CREATE");
        var interaction = Dispatches("INTERACTION_CREATE").Single().AsInteraction()!;
        await new DiscordRestClient(_http, _server.CreateOptions()).CreateInteractionResponseAsync(interaction.Id, interaction.Token, InteractionResponse.Message("Subscribed."));

        Assert.Equal("/gateway", connection.Path);
        Assert.Contains("v=10", connection.Query);
        Assert.Contains("encoding=json", connection.Query);
        Assert.Equal(FakeDiscordServer.BotToken, (string?)connection.Identify!["token"]);
        Assert.Equal(1, (int?)connection.Identify["intents"]);
        Assert.Equal("[0,1]", connection.Identify["shard"]!.ToJsonString());
        var beats = connection.Heartbeats;
        var interval = _time.Scale(TimeSpan.FromSeconds(10));
        Assert.True(beats[0] - connection.HelloAt <= interval + TimeSpan.FromMilliseconds(200), "the first beat comes within one interval of HELLO");
        // Arrival times jitter under load, so the pace is checked over the whole run, not beat by beat.
        var paced = (beats[^1] - beats[0]) / (beats.Count - 1);
        Assert.True(paced >= interval * 0.9, $"heartbeats came every {paced.TotalMilliseconds} ms; HELLO asked for {interval.TotalMilliseconds} ms");
        Assert.Contains(connection.Received, p => (int?)p["op"] == 1 && (int?)p["d"] == 1);
        Assert.Equal(id, interaction.Id);
        Assert.Equal(token, interaction.Token);
        Assert.Equal("subscribe", interaction.Data!.Name);
        Assert.Equal("https://example.org/feed.xml", interaction.Data.Options![0].ValueText);
        Assert.True(interaction.Data.Options[0].Focused);
        Assert.Equal(222UL, interaction.GuildId);
        Assert.Equal(333UL, interaction.ChannelId);
        Assert.Equal("de", interaction.Locale);
        Assert.True(interaction.Member!.Permissions!.Value.HasFlag(DiscordPermissions.Administrator));
        Assert.Equal("alice", interaction.Invoker!.Username);
        Assert.Contains(_events.OfType<GatewayStatusChange>(), e => e.Status == GatewayStatus.Ready);
        Assert.Empty(_server.Violations);
    }

    [Fact]
    public async Task A_zombie_connection_is_closed_without_ending_the_session_and_resumed_on_the_resume_url()
    {
        Start();
        var first = await ReadyAsync();
        await _server.SendDispatchAsync(first.SessionId!, "GUILD_CREATE", new JsonObject { ["id"] = "222", ["name"] = "News" });
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("GUILD_CREATE").Any(), "GUILD_CREATE");

        first.WithholdHeartbeatAcks = true;
        var second = await _server.WaitForSessionAsync(2);
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("RESUMED").Any(), "RESUMED");

        Assert.True(first.ClientCloseStatus is not (null or 1000 or 1001), $"closed with {first.ClientCloseStatus}");
        Assert.Equal("/resume", second.Path);
        Assert.Null(second.Identify);
        Assert.Equal(first.SessionId, (string?)second.Resume!["session_id"]);
        Assert.Equal(2, (int?)second.Resume["seq"]);
        Assert.Equal(FakeDiscordServer.BotToken, (string?)second.Resume["token"]);
        Assert.Contains(_events.OfType<GatewayStatusChange>(), e => e.Status == GatewayStatus.Reconnecting && e.Detail.Contains("zombie"));
    }

    [Theory]
    [InlineData(false, "/gateway")]
    [InlineData(true, "/resume")]
    public async Task Invalid_session_identifies_afresh_unless_resumable(bool resumable, string expectedPath)
    {
        Start();
        var first = await ReadyAsync();

        await first.SendInvalidSessionAsync(resumable);
        var second = await _server.WaitForSessionAsync(2);

        Assert.Equal(expectedPath, second.Path);
        Assert.True(first.ClientCloseStatus is not (1000 or 1001));
        if (resumable)
        {
            Assert.Equal(first.SessionId, (string?)second.Resume!["session_id"]);
            Assert.Null(second.Identify);
        }
        else
        {
            Assert.NotNull(second.Identify);
            Assert.DoesNotContain(6, Ops(second));
            Assert.NotEqual(first.SessionId, second.SessionId);
            // Identifies are 5 s apart (protocol time); arrival jitter under load gets half of that as slack.
            Assert.True(second.IdentifiedAt - first.IdentifiedAt >= _time.Scale(TimeSpan.FromSeconds(2.5)));
        }
    }

    [Fact]
    public async Task Reconnect_request_resumes_with_the_latest_sequence()
    {
        Start();
        var first = await ReadyAsync();
        await _server.SendDispatchAsync(first.SessionId!, "CHANNEL_DELETE", new JsonObject { ["id"] = "333", ["type"] = 0 });
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("CHANNEL_DELETE").Any(), "CHANNEL_DELETE");

        await first.SendReconnectAsync();
        var second = await _server.WaitForSessionAsync(2);
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("RESUMED").Any(), "RESUMED");
        await _server.SendDispatchAsync(second.SessionId!, "THREAD_DELETE", new JsonObject { ["id"] = "334", ["parent_id"] = "333", ["type"] = 11 });
        await FakeDiscordServer.WaitUntilAsync(() => Dispatches("THREAD_DELETE").Any(), "THREAD_DELETE");

        Assert.Equal("/resume", second.Path);
        Assert.Equal(2, (int?)second.Resume!["seq"]);
        Assert.True(first.ClientCloseStatus is not (null or 1000 or 1001));
        Assert.Equal(4, Dispatches("THREAD_DELETE").Single().Sequence);
        Assert.Equal(333UL, Dispatches("CHANNEL_DELETE").Single().Read<DiscordChannel>().Id);
    }

    [Theory]
    [InlineData(4000, "/resume")]
    [InlineData(4008, "/resume")]
    [InlineData(4007, "/gateway")]
    [InlineData(4009, "/gateway")]
    public async Task Close_codes_decide_between_resume_and_identify(int code, string expectedPath)
    {
        Start();
        var first = await ReadyAsync();

        await first.CloseAsync(code, "test");
        var second = await _server.WaitForSessionAsync(2);

        Assert.Equal(expectedPath, second.Path);
        Assert.Equal(expectedPath == "/resume", second.Resume is not null);
        Assert.Equal(expectedPath == "/gateway", second.Identify is not null);
    }

    [Fact]
    public async Task A_wrong_token_stops_with_a_clear_error_instead_of_reconnecting()
    {
        Start(o =>
        {
            o.BotToken = "reset.token";
            o.GatewayUrl = _server.GatewayUrl;
            o.ShardCount = 1;
        });

        var error = await Assert.ThrowsAsync<DiscordGatewayException>(() => _run).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        Assert.Equal(4004, error.CloseCode);
        Assert.Contains("BotToken", error.Message);
        Assert.Single(_server.GatewayConnections);
        await Assert.ThrowsAsync<DiscordGatewayException>(() => _read);
    }

    [Theory]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Final_close_codes_stop_the_client(int code)
    {
        Start();
        var first = await ReadyAsync();

        await first.CloseAsync(code, "final");
        var error = await Assert.ThrowsAsync<DiscordGatewayException>(() => _run).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(code, error.CloseCode);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Single(_server.GatewayConnections);
    }

    [Fact]
    public async Task Runs_the_recommended_shards_one_connection_each_with_identifies_spaced_by_concurrency()
    {
        _server.RecommendedShards = 2;
        _server.RequiredShardCount = 2;
        Start();

        var a = await _server.WaitForSessionAsync(1);
        var b = await _server.WaitForSessionAsync(2);

        var shards = new[] { a, b }.Select(c => c.Identify!["shard"]!.ToJsonString()).Order().ToList();
        Assert.Equal(["[0,2]", "[1,2]"], shards);
        var gap = (b.IdentifiedAt - a.IdentifiedAt)!.Value.Duration();
        // 5 s apart in protocol time; arrival jitter under load gets half of that as slack.
        Assert.True(gap >= _time.Scale(TimeSpan.FromSeconds(2.5)), $"identifies only {gap.TotalMilliseconds} ms apart");
    }

    [Fact]
    public async Task Runs_only_the_configured_shards()
    {
        _server.RequiredShardCount = 4;
        Start(o =>
        {
            o.ShardCount = 4;
            o.ShardIds = [2];
        });

        var only = await _server.WaitForSessionAsync(1);
        await Task.Delay(300);

        Assert.Equal("[2,4]", only.Identify!["shard"]!.ToJsonString());
        Assert.Single(_server.GatewayConnections);
    }

    [Fact]
    public async Task Stopping_closes_normally_and_completes_the_events()
    {
        Start();
        var connection = await ReadyAsync();

        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _run).WaitAsync(TimeSpan.FromSeconds(5));
        await _read.WaitAsync(TimeSpan.FromSeconds(5));
        await FakeDiscordServer.WaitUntilAsync(() => connection.Ended, "the connection to end");

        Assert.Equal(1000, connection.ClientCloseStatus);
        Assert.Empty(_server.LiveSessions);
    }
}
