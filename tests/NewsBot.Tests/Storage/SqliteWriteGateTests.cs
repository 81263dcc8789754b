using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Storage;

/// <summary>SQLite writers queue in process instead of sleeping in SQLite's busy handler; no way out leaves the gate shut.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task Many_concurrent_transactions_and_single_statements_all_commit()
    {
        await using var storage = await PostgresOrSqlite.CreateAsync("Sqlite");
        var dbs = await storage.MigratedAsync();
        var now = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await using var db = dbs.Create();
            if (i % 2 == 0)
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.Feeds.Add(new Feed { Url = $"https://example.com/t{i}.xml", NextCheckAt = now, CreatedAt = now });
                await db.SaveChangesAsync();
                db.Feeds.Add(new Feed { Url = $"https://example.com/t{i}b.xml", NextCheckAt = now, CreatedAt = now });
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }
            else
            {
                db.Feeds.Add(new Feed { Url = $"https://example.com/s{i}.xml", NextCheckAt = now, CreatedAt = now });
                await db.SaveChangesAsync();
                await db.Feeds.Where(f => f.Url == $"https://example.com/s{i}.xml").ExecuteUpdateAsync(u => u.SetProperty(f => f.Title, "updated"));
            }
        })));
        await using var check = dbs.Create();
        Assert.Equal(96, await check.Feeds.CountAsync());
        Assert.Equal(32, await check.Feeds.CountAsync(f => f.Title == "updated"));
    }

    [Fact]
    public async Task A_transaction_abandoned_by_an_exception_or_a_failed_statement_does_not_hold_up_the_next_writer()
    {
        await using var storage = await PostgresOrSqlite.CreateAsync("Sqlite");
        var dbs = await storage.MigratedAsync();
        var now = DateTime.UtcNow;
        await using (var db = dbs.Create())
        {
            db.Feeds.Add(new Feed { Url = "https://example.com/taken.xml", NextCheckAt = now, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        // Disposed without commit or rollback, as when the code inside throws.
        await using (var db = dbs.Create())
        {
            var tx = await db.Database.BeginTransactionAsync();
            db.Feeds.Add(new Feed { Url = "https://example.com/abandoned.xml", NextCheckAt = now, CreatedAt = now });
            await db.SaveChangesAsync();
            await tx.DisposeAsync();
        }
        // A single statement that fails (the URL is unique).
        await using (var db = dbs.Create())
        {
            db.Feeds.Add(new Feed { Url = "https://example.com/taken.xml", NextCheckAt = now, CreatedAt = now });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        var clock = Stopwatch.StartNew();
        await using (var db = dbs.Create())
        {
            db.Feeds.Add(new Feed { Url = "https://example.com/next.xml", NextCheckAt = now, CreatedAt = now });
            await db.SaveChangesAsync();
        }
        Assert.True(clock.Elapsed < SqliteWriteGate.MaxWait / 2, $"the next write waited {clock.Elapsed}");
        await using var check = dbs.Create();
        Assert.Equal(["https://example.com/next.xml", "https://example.com/taken.xml"], await check.Feeds.OrderBy(f => f.Url).Select(f => f.Url).ToListAsync());
    }
}
