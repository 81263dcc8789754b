using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Scale;

/// <summary>Several instances claiming at the same moment: no feed or post is taken twice, channel order holds.</summary>
public sealed class ClaimTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Concurrent_instances_never_claim_the_same_feed_and_a_dead_claim_is_taken_over(string provider)
    {
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await storage.MigratedAsync();
        var now = DateTime.UtcNow;
        await using (var db = dbs.Create())
        {
            for (var i = 0; i < 300; i++)
            {
                db.Feeds.Add(new Feed { Url = $"https://example.com/{i}.xml", NextCheckAt = now.AddSeconds(-i % 7), CreatedAt = now });
            }
            db.Feeds.Add(new Feed { Url = "https://example.com/later.xml", NextCheckAt = now.AddMinutes(5), CreatedAt = now });
            await db.SaveChangesAsync();
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                await using var db = dbs.Create();
                var batch = await FeedClaims.ClaimDueAsync(db, $"i{n}", now, TimeSpan.FromMinutes(5), 25, default);
                if (batch.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(batch);
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());

        // Instance i0 dies holding its claims: after the timeout a survivor takes exactly those feeds.
        await using (var db = dbs.Create())
        {
            Assert.Empty(await FeedClaims.ClaimDueAsync(db, "survivor", now.AddMinutes(4), TimeSpan.FromMinutes(5), 1000, default));
            var taken = await FeedClaims.ClaimDueAsync(db, "survivor", now.AddMinutes(6), TimeSpan.FromMinutes(5), 1000, default);
            Assert.Equal(301, taken.Count); // every expired claim plus the feed that became due meanwhile
        }
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Concurrent_instances_never_split_a_channel_or_claim_a_post_twice(string provider)
    {
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await storage.MigratedAsync();
        var channels = new List<long>();
        for (var c = 0; c < 12; c++)
        {
            var (feed, channel) = await Seed.FeedAndChannelAsync(dbs, Platforms.Console, $"chat-{c}");
            await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 6);
            channels.Add(channel.Id);
        }

        var now = DateTime.UtcNow;
        var start = new TaskCompletionSource();
        var rounds = Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            await start.Task;
            var mine = new HashSet<long>();
            for (var round = 0; round < 5; round++)
            {
                await using var db = dbs.Create();
                // An instance may claim its own rows again; only other instances must never get them.
                mine.UnionWith(await OutboxClaims.ClaimDueAsync(db, $"i{n}", [Platforms.Console], now, TimeSpan.FromMinutes(5), 7, default));
            }
            return mine;
        })).ToList();
        start.SetResult();
        var claims = await Task.WhenAll(rounds);

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(all.Count >= 14, $"only {all.Count} posts were claimed");
        await using var check = dbs.Create();
        var rows = await check.Outbox.Where(o => o.ClaimedBy != null).OrderBy(o => o.Id).Select(o => new { o.Id, o.ChannelId, o.ClaimedBy }).ToListAsync();
        foreach (var channel in channels)
        {
            // Another instance may only take a channel's later posts once the earlier ones are done, never meanwhile.
            var holders = rows.Where(r => r.ChannelId == channel).Select(r => r.ClaimedBy).OfType<string>().Distinct().ToList();
            Assert.True(holders.Count <= 1, $"channel {channel} is held by {string.Join(", ", holders)}");
        }
    }
}
