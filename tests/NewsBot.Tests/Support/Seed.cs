using NewsBot.Storage;

namespace NewsBot.Tests.Support;

/// <summary>Rows for storage-level tests, written through the real model on a real database.</summary>
public static class Seed
{
    public static async Task<DbFactory> MigratedAsync(TempDatabase db)
    {
        var factory = new DbFactory(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = db.ConnectionString });
        await factory.MigrateAsync(default);
        return factory;
    }

    public static async Task<(Feed Feed, ChatChannel Channel)> FeedAndChannelAsync(DbFactory dbs, string platform = Platforms.Console, string externalId = "main", DeliveryMode mode = DeliveryMode.Immediate)
    {
        await using var db = dbs.Create();
        var now = DateTime.UtcNow;
        var feed = new Feed { Url = $"https://example.com/{Guid.NewGuid():N}.xml", Title = "Example", CreatedAt = now, NextCheckAt = now, PrimedAt = now };
        var channel = new ChatChannel { Platform = platform, ExternalId = externalId, CreatedAt = now };
        db.Subscriptions.Add(new Subscription { Feed = feed, Channel = channel, Mode = mode, CreatedAt = now });
        await db.SaveChangesAsync();
        return (feed, channel);
    }

    public static async Task<List<long>> OutboxAsync(DbFactory dbs, long feedId, long channelId, int count, DateTime? nextAttempt = null)
    {
        await using var db = dbs.Create();
        var now = DateTime.UtcNow;
        var entries = new List<OutboxEntry>();
        for (var i = 0; i < count; i++)
        {
            var article = new Article { FeedId = feedId, DedupeKey = Guid.NewGuid().ToString("N"), Title = $"Story {i}", Summary = $"Summary {i}.", PublishedAt = now, FirstSeenAt = now, Url = $"https://example.com/{i}" };
            var entry = new OutboxEntry { ChannelId = channelId, Article = article, State = OutboxState.Pending, NextAttemptAt = nextAttempt ?? now.AddSeconds(-1), Nonce = NewsBot.Routing.Router.NewNonce(), CreatedAt = now };
            db.Outbox.Add(entry);
            entries.Add(entry);
            // One save per row keeps ids in creation order.
            await db.SaveChangesAsync();
        }
        return entries.Select(e => e.Id).ToList();
    }
}
