using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Scale;

/// <summary>
/// An instance stopped (deploy, restart) in the middle of a tick hands its feed claims back, so the next instance
/// polls those feeds at once instead of after Worker:ClaimTimeout.
/// </summary>
public sealed class ShutdownTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Stopping_mid_tick_is_prompt_and_hands_back_the_unrefreshed_claims(string provider)
    {
        const int feeds = 20;
        const string agent = "NewsBot-shutdown-test";
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        await using var server = await ScaleFeedServer.StartAsync(feeds);
        var settings = storage.HostSettings(
            ("Feeds:UserAgent", agent),
            ("Worker:FeedConcurrency", "2"),
            ("Worker:ClaimBatch", "50"),
            ("Worker:ClaimTimeout", "00:05:00"));
        var app = TestHost.Build(settings, new SyncStringWriter());
        var dbs = app.Services.GetRequiredService<DbFactory>();
        await dbs.MigrateAsync(default);
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < feeds; i++)
            {
                db.Feeds.Add(new Feed { Url = server.UrlOf(i), ETag = ScaleFeedServer.ETagOf(i, 0), PrimedAt = now, NextCheckAt = now, CreatedAt = now });
            }
            await db.SaveChangesAsync();
        }

        // Every check hangs: the tick has claimed all twenty feeds and is stuck on the first two.
        server.Hold(agent);
        await app.StartAsync();
        Assert.True(await Eventually.TrueAsync(() => server.Held >= 1, TimeSpan.FromSeconds(60)), "the tick never fetched");
        await using (var db = dbs.Create())
        {
            Assert.Equal(feeds, await db.Feeds.CountAsync(f => f.ClaimedBy != null));
        }

        var stopwatch = Stopwatch.StartNew();
        await app.StopAsync();
        stopwatch.Stop();
        await app.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), $"stopping took {stopwatch.Elapsed}");
        await using (var db = dbs.Create())
        {
            var stillClaimed = await db.Feeds.Where(f => f.ClaimedBy != null).Select(f => f.Url).ToListAsync();
            Assert.True(stillClaimed.Count == 0, $"{stillClaimed.Count} feeds stay claimed for Worker:ClaimTimeout after a clean stop");
        }
    }
}
