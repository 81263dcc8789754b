using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Polling;

/// <summary>The batched reschedule of feeds that answered 304: one statement, the columns a tracked success sets.</summary>
public sealed class UnchangedFeedsTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_batch_reschedules_and_releases_only_the_feeds_this_instance_still_holds(string provider)
    {
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await storage.MigratedAsync();
        var now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        var time = new FakeTimeProvider(new DateTimeOffset(now));
        const int feeds = UnchangedFeeds.Chunk + 37; // more than one statement's worth
        await using (var db = dbs.Create())
        {
            for (var i = 0; i < feeds; i++)
            {
                db.Feeds.Add(new Feed
                {
                    Url = $"https://example.com/{i}.xml",
                    NextCheckAt = now.AddMinutes(-1),
                    CreatedAt = now,
                    PrimedAt = now.AddDays(-1),
                    ETag = $"\"e{i}\"",
                    // A feed that was failing and now answers 304 is healthy again, as on the tracked path.
                    ErrorCount = i % 3,
                    LastError = i % 3 == 0 ? null : "HTTP 500",
                    FailingSince = i % 3 == 0 ? null : now.AddHours(-1),
                });
            }
            await db.SaveChangesAsync();
        }

        List<ClaimedFeed> claimed;
        await using (var db = dbs.Create())
        {
            claimed = await FeedClaims.ClaimDueFeedsAsync(db, "me", now, TimeSpan.FromMinutes(5), 10_000, default);
        }
        Assert.Equal(feeds, claimed.Count);
        Assert.All(claimed, c => Assert.True(c.Primed));
        Assert.Contains(claimed, c => c.ETag == "\"e7\"" && c.Url == "https://example.com/7.xml");

        // One feed's claim expired and another instance took it while this one was fetching.
        var stolen = claimed[5].Id;
        await using (var db = dbs.Create())
        {
            await db.Feeds.Where(f => f.Id == stolen).ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedBy, "other"));
        }

        using var unchanged = new UnchangedFeeds(dbs, "me", time, NullLogger.Instance);
        var next = claimed.ToDictionary(c => c.Id, c => now.AddMinutes(10).AddSeconds(c.Id % 50));
        foreach (var feed in claimed)
        {
            await unchanged.AddAsync(feed.Id, next[feed.Id], now.AddMinutes(5), default);
        }
        await unchanged.FlushAsync(default);
        Assert.Equal(feeds - 1, unchanged.Written);

        await using (var db = dbs.Create())
        {
            var rows = await db.Feeds.AsNoTracking().ToListAsync();
            foreach (var row in rows.Where(r => r.Id != stolen))
            {
                Assert.Equal(next[row.Id], row.NextCheckAt, TimeSpan.FromMilliseconds(1));
                Assert.Null(row.ClaimedBy);
                Assert.Null(row.ClaimedUntil);
                Assert.Equal(now, row.LastCheckedAt);
                Assert.Equal(now, row.LastSuccessAt);
                Assert.Equal(0, row.ErrorCount);
                Assert.Null(row.LastError);
                Assert.Null(row.FailingSince);
            }
            var other = rows.Single(r => r.Id == stolen);
            Assert.Equal("other", other.ClaimedBy);
            Assert.Equal(now.AddMinutes(-1), other.NextCheckAt, TimeSpan.FromMilliseconds(1));
        }

        // Rescheduled feeds are not due, so the next claim finds only the one still due.
        await using (var db = dbs.Create())
        {
            await db.Feeds.Where(f => f.Id == stolen).ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedBy, (string?)null).SetProperty(f => f.ClaimedUntil, (DateTime?)null));
            var again = await FeedClaims.ClaimDueAsync(db, "me", now.AddMinutes(1), TimeSpan.FromMinutes(5), 10_000, default);
            Assert.Equal([stolen], again);
        }
    }

    [Fact]
    public async Task A_reschedule_waits_for_others_only_briefly_and_never_until_its_claim_runs_out()
    {
        await using var storage = await PostgresOrSqlite.CreateAsync("Sqlite");
        var dbs = await storage.MigratedAsync();
        var now = DateTime.UtcNow;
        var time = new FakeTimeProvider(new DateTimeOffset(now));
        long a, b;
        await using (var db = dbs.Create())
        {
            var fa = new Feed { Url = "https://example.com/a.xml", NextCheckAt = now, CreatedAt = now, PrimedAt = now };
            var fb = new Feed { Url = "https://example.com/b.xml", NextCheckAt = now, CreatedAt = now, PrimedAt = now };
            db.Feeds.AddRange(fa, fb);
            await db.SaveChangesAsync();
            (a, b) = (fa.Id, fb.Id);
            await FeedClaims.ClaimDueAsync(db, "me", now, TimeSpan.FromMinutes(5), 10, default);
        }
        using var unchanged = new UnchangedFeeds(dbs, "me", time, NullLogger.Instance);
        await unchanged.AddAsync(a, now.AddMinutes(5), now.AddMinutes(5), default);
        Assert.Equal(0, unchanged.Written);
        // Slow feeds elsewhere in the batch (no other 304 comes along) must not hold a finished one back for the batch.
        time.Advance(UnchangedFeeds.MaxWait + TimeSpan.FromMilliseconds(10));
        Assert.True(await Eventually.TrueAsync(() => unchanged.Written == 1, TimeSpan.FromSeconds(10)), "not written after MaxWait");

        // A claim with one second left: written within half of that, before another instance could take the feed.
        var late = time.GetUtcNow().UtcDateTime;
        await unchanged.AddAsync(b, now.AddMinutes(5), late.AddSeconds(1), default);
        time.Advance(TimeSpan.FromMilliseconds(400));
        await Task.Delay(100);
        Assert.Equal(1, unchanged.Written);
        time.Advance(TimeSpan.FromMilliseconds(110));
        Assert.True(await Eventually.TrueAsync(() => unchanged.Written == 2, TimeSpan.FromSeconds(10)), "not written within half the claim's life");

        // A claim already run out is written at once.
        await using (var db = dbs.Create())
        {
            await db.Feeds.Where(f => f.Id == a).ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedBy, "me"));
        }
        await unchanged.AddAsync(a, now.AddMinutes(5), late, default);
        Assert.Equal(3, unchanged.Written);
    }
}
