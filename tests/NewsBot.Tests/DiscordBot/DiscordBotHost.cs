using System.Globalization;
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
