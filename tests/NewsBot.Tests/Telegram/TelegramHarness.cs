using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Telegram;

/// <summary>The real host, pointed at the fake Telegram server through the real Telegram.Bot client.</summary>
public sealed class TelegramHarness : IAsyncDisposable
{
    private TelegramHarness(FakeTelegramServer fake, LoopbackFeedServer feeds, TempDatabase db, Dictionary<string, string?> settings)
    {
        Fake = fake;
        Feeds = feeds;
        Db = db;
        Settings = settings;
    }

    public FakeTelegramServer Fake { get; }
    public LoopbackFeedServer Feeds { get; }
    public TempDatabase Db { get; }
    public Dictionary<string, string?> Settings { get; }
    public WebApplication? Host { get; private set; }
    public SyncStringWriter Output { get; private set; } = new();

    public DbFactory Dbs => new(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = Db.ConnectionString });

    public static async Task<TelegramHarness> StartAsync(params (string Key, string? Value)[] extra)
    {
        var fake = await FakeTelegramServer.StartAsync();
        var feeds = await LoopbackFeedServer.StartAsync();
        var db = new TempDatabase();
        var settings = TestHost.Settings(db,
        [
            ("Telegram:BotToken", FakeTelegramServer.Token),
            ("Telegram:ApiBaseUrl", fake.BaseUrl),
            ("Telegram:PollTimeout", "00:00:02"),
            ("Telegram:MessagesPerSecondPerChat", "20"),
            ("Telegram:MessagesPerMinutePerGroup", "1000"),
            ("Console:Enabled", "false"),
            // The same instance name after a restart takes over its own claims at once.
            ("Worker:InstanceId", "telegram-tests"),
            .. extra,
        ]);
        var harness = new TelegramHarness(fake, feeds, db, settings);
        await harness.StartHostAsync();
        return harness;
    }

    public async Task StartHostAsync()
    {
        Output = new SyncStringWriter();
        Host = TestHost.Build(Settings, Output);
        await Host.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        await Host.StartAsync();
    }

    public async Task StopHostAsync()
    {
        if (Host is not null)
        {
            await Host.StopAsync();
            await Host.DisposeAsync();
            Host = null;
        }
    }

    /// <summary>The panel's address on this host.</summary>
    public string PanelUrl => Host!.Urls.First().TrimEnd('/');

    /// <summary>A group <paramref name="admin"/> administers, following one feed.</summary>
    public Task<(long FeedId, long ChannelId)> AdminChannelAsync(long chatId, long admin, string title = "Ann's group")
    {
        Fake.AddChat(chatId, "supergroup", title, (admin, "administrator"));
        return ChannelAsync(chatId);
    }

    /// <summary>A Telegram destination following one feed, as a subscription command would leave it.</summary>
    public async Task<(long FeedId, long ChannelId)> ChannelAsync(long chatId, string threadId = "")
    {
        await using var db = Dbs.Create();
        var now = DateTime.UtcNow;
        var feed = new Feed { Url = $"https://news.example.com/{Guid.NewGuid():N}.xml", Title = "Example News", SiteLink = "https://news.example.com/", CreatedAt = now, NextCheckAt = now.AddDays(1), PrimedAt = now };
        var channel = new ChatChannel { Platform = Platforms.Telegram, ExternalId = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture), ThreadId = threadId, CreatedAt = now };
        db.Subscriptions.Add(new Subscription { Feed = feed, Channel = channel, CreatedAt = now });
        await db.SaveChangesAsync();
        return (feed.Id, channel.Id);
    }

    /// <summary>New articles routed to the channel, in order, as the router would queue them.</summary>
    public async Task PostAsync(long feedId, long channelId, IEnumerable<string> titles, string? summary = null, string? imageUrl = null)
    {
        foreach (var title in titles)
        {
            await using var db = Dbs.Create();
            var now = DateTime.UtcNow;
            var article = new Article
            {
                FeedId = feedId,
                DedupeKey = Guid.NewGuid().ToString("N"),
                Title = title,
                Url = $"https://news.example.com/a/{Uri.EscapeDataString(title)}",
                Summary = summary ?? $"What happened in {title}.",
                ImageUrl = imageUrl,
                PublishedAt = now,
                FirstSeenAt = now,
            };
            db.Outbox.Add(new OutboxEntry { ChannelId = channelId, Article = article, State = OutboxState.Pending, NextAttemptAt = now, Nonce = Router.NewNonce(), CreatedAt = now });
            await db.SaveChangesAsync();
        }
    }

    public async Task<ChatChannel> ChannelRowAsync(long channelId)
    {
        await using var db = Dbs.Create();
        return db.Channels.Single(c => c.Id == channelId);
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        await Fake.DisposeAsync();
        await Feeds.DisposeAsync();
        Db.Dispose();
    }
}
