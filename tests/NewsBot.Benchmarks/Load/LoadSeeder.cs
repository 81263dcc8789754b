using NewsBot.Storage;

namespace NewsBot.Benchmarks.Load;

/// <summary>
/// Puts N primed feeds, C console channels and N subscriptions straight into the database: feed i goes to channel
/// i mod C, as a catalog spread over many communities (one channel receiving every feed is `--channels 1`).
/// </summary>
internal static class LoadSeeder
{
    public static async Task SeedAsync(DbFactory dbs, LoadFeedServer server, int feeds, int channels, TimeSpan interval, CancellationToken ct)
    {
        await dbs.MigrateAsync(ct);
        var now = DateTime.UtcNow;
        List<long> channelIds;
        await using (var db = dbs.Create())
        {
            var added = Enumerable.Range(0, channels).Select(c => new ChatChannel { Platform = Platforms.Console, ExternalId = $"load-{c}", Title = $"load {c}", CreatedAt = now }).ToList();
            db.Channels.AddRange(added);
            await db.SaveChangesAsync(ct);
            channelIds = added.ConvertAll(c => c.Id);
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
                db.Subscriptions.Add(new Subscription { ChannelId = channelIds[i % channels], Feed = feed, Mode = DeliveryMode.Immediate, CreatedAt = now });
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
