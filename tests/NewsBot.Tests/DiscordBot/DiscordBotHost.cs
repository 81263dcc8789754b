using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.DiscordBot;

/// <summary>The real host pointed at the fake Discord, with a loopback feed server and a temporary SQLite file.</summary>
public sealed class DiscordBotHost : IAsyncDisposable
{
    public const ulong Guild = 700000000000000001;
    public const ulong ChannelA = 710000000000000001;
    public const ulong ChannelB = 710000000000000002;
    public const ulong SystemChannel = 710000000000000009;
    public const ulong Forum = 710000000000000015;

    private readonly List<WebApplication> _apps = [];

    private DiscordBotHost(FakeDiscordServer discord, LoopbackFeedServer feeds, TempDatabase db)
    {
        Discord = discord;
        Feeds = feeds;
        Db = db;
    }

    public FakeDiscordServer Discord { get; }
    public LoopbackFeedServer Feeds { get; }
    public TempDatabase Db { get; }
    public SyncStringWriter Output { get; } = new();

    public static async Task<DiscordBotHost> StartAsync()
    {
        var discord = await FakeDiscordServer.StartAsync();
        // The bot reads a channel once before its first post there (forums take posts differently).
        foreach (var channel in new[] { ChannelA, ChannelB, SystemChannel })
        {
            discord.AddChannel(channel, Guild);
        }
        var feeds = await LoopbackFeedServer.StartAsync();
        return new DiscordBotHost(discord, feeds, new TempDatabase());
    }

    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = TestHost.Settings(Db,
            ("Discord:BotToken", FakeDiscordServer.BotToken),
            ("Discord:ApplicationId", FakeDiscordServer.ApplicationId.ToString(CultureInfo.InvariantCulture)),
            ("Discord:ApiBaseUrl", Discord.ApiBaseUrl),
            ("Discord:AttachmentBaseUrl", Discord.AttachmentBaseUrl),
            ("Discord:GuildIds:0", Guild.ToString(CultureInfo.InvariantCulture)),
            ("Console:Enabled", "false"));
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Builds (does not start) a host; migrated so tests can subscribe before starting it.</summary>
    public async Task<WebApplication> BuildAsync(params (string Key, string? Value)[] extra)
    {
        var app = TestHost.Build(Settings(extra), Output);
        _apps.Add(app);
        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        return app;
    }

    public async Task<T> QueryAsync<T>(WebApplication app, Func<NewsBotDb, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<DbFactory>().Create();
        return await query(db);
    }

    /// <summary>
    /// The reply message whichever way it came: inside the callback (type 4), or edited in after a
    /// deferral (type 5), which the bot rightly chooses when a loaded machine makes the work slower than
    /// Discord:DeferAfter. Tests of what a command answers must not depend on which path it took.
    /// </summary>
    public async Task<JsonObject> ReplyMessageAsync(JsonNode callback, string token)
    {
        var type = (int)callback["type"]!;
        if (type == 4)
        {
            return callback["data"]!.AsObject();
        }
        Assert.Equal(5, type);
        var edits = $"/webhooks/\\d+/{token}/messages/@original";
        Assert.True(await Eventually.TrueAsync(() => Discord.RequestsTo("PATCH", edits).Any(r => r.Status == 200), TimeSpan.FromSeconds(30)),
            "the deferred reply was never edited in");
        return Discord.RequestsTo("PATCH", edits).Last(r => r.Status == 200).Body!.AsObject();
    }

    public static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            try
            {
                await app.StopAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or ObjectDisposedException)
            {
                // Already stopped or never started.
            }
            await app.DisposeAsync();
        }
        await Discord.DisposeAsync();
        await Feeds.DisposeAsync();
        Db.Dispose();
    }
}
