using NewsBot.Storage;

namespace NewsBot.Benchmarks.Load;

/// <summary>Puts N primed feeds, one console channel and its N subscriptions straight into the database.</summary>
internal static class LoadSeeder
{
    public static async Task SeedAsync(DbFactory dbs, LoadFeedServer server, int feeds, TimeSpan interval, CancellationToken ct)
    {
        await dbs.MigrateAsync(ct);
        var now = DateTime.UtcNow;
        await using (var db = dbs.Create())
        {
            db.Channels.Add(new Channel { Platform = Platforms.Console, ExternalId = "load", Title = "load", CreatedAt = now });
            await db.SaveChangesAsync(ct);
        }
        long channelId;
        await using (var db = dbs.Create())
        {
            channelId = db.Channels.Single(c => c.ExternalId == "load").Id;
        }
        const int batch = 2000;
        for (var start = 0; start < feeds; start += batch)
        {
            await using var db = dbs.Create();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(feeds, start + batch); i++)
            {
                // Primed and in step with the server's ETag: only items that appear during the run are posted,
                // and due times are spread evenly so the load is steady rather than one burst.
                var feed = new Feed
                {
                    Url = server.UrlOf(i),
                    Title = $"Load feed {i}",
                    ETag = LoadFeedServer.InitialETag(i),
                    PrimedAt = now,
                    LastSuccessAt = now,
                    NextCheckAt = now + interval * ((double)i / feeds),
                    CreatedAt = now,
                };
                db.Feeds.Add(feed);
                db.Subscriptions.Add(new Subscription { ChannelId = channelId, Feed = feed, Mode = DeliveryMode.Immediate, CreatedAt = now });
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
