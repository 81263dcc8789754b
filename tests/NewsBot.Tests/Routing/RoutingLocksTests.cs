using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Routing;

/// <summary>
/// Issue 22: routing's consistency comes from the database, not from a lock in one process. Each context here is its
/// own connection and transaction, as two instances of a deployment are: nothing in this process orders them.
/// </summary>
public sealed class RoutingLocksTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private const string Headline = "Volcano erupts near Grindavik as lava reaches the town's defences";
    private const string Lead = "A volcanic fissure opened north of Grindavik on Saturday evening, the Icelandic Meteorological Office said, " +
        "and lava flowed toward the barriers built to protect the fishing town of 3,800 people, which was evacuated in November.";

    private sealed record World(DbFactory Dbs, long[] Feeds, long[] Channels);

    /// <summary>Feeds 0 and 1; channel 0 follows both, channel 1 follows feed 1 only... as each test arranges.</summary>
    private static async Task<World> WorldAsync(DbFactory dbs, params (int Feed, int Channel)[] subscriptions)
    {
        await using var db = dbs.Create();
        var now = Now.UtcDateTime;
        var feeds = Enumerable.Range(0, 2).Select(i => new Feed { Url = $"https://wire{i}.example/feed.xml", Title = $"Wire {i}", CreatedAt = now, NextCheckAt = now, PrimedAt = now }).ToList();
        var channels = Enumerable.Range(0, 2).Select(i => new ChatChannel { Platform = Platforms.Console, ExternalId = $"c{i}", CreatedAt = now }).ToList();
        db.AddRange(feeds);
        db.AddRange(channels);
        foreach (var (f, c) in subscriptions)
        {
            db.Subscriptions.Add(new Subscription { Feed = feeds[f], Channel = channels[c], CreatedAt = now });
        }
        await db.SaveChangesAsync();
        return new World(dbs, feeds.Select(f => f.Id).ToArray(), channels.Select(c => c.Id).ToArray());
    }

    /// <summary>One instance's refresh up to, not including, its commit: the transaction and its locks stay open.</summary>
    private static async Task<(NewsBotDb Db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Tx)> RouteUncommittedAsync(World world, int feedIndex, string key, string title, string text)
    {
        var db = world.Dbs.Create();
        var feed = await db.Feeds.SingleAsync(f => f.Id == world.Feeds[feedIndex]);
        var article = new Article { Feed = feed, DedupeKey = key, Title = title, Text = text, Summary = text, PublishedAt = Now.UtcDateTime, FirstSeenAt = Now.UtcDateTime };
        db.Articles.Add(article);
        var router = new Router(new FakeTimeProvider(Now));
        var plan = await router.PlanAsync(db, feed, [article], default);
        var tx = await db.Database.BeginTransactionAsync();
        await router.AddRowsAsync(db, plan, default);
        await db.SaveChangesAsync();
        return (db, tx);
    }

    [SkippableFact]
    public async Task Two_instances_routing_different_feeds_to_different_channels_do_not_wait_on_each_other()
    {
        await using var temp = await PostgresOrSqlite.CreateAsync("Postgres");
        var world = await WorldAsync(await temp.MigratedAsync(), (0, 0), (1, 1));

        var (a, txA) = await RouteUncommittedAsync(world, 0, "a1", "Harbour reopens after the storm", "The harbour reopened on Monday after a week of repairs to the breakwater.");
        // Instance A holds its transaction open; B routes another feed to another channel meanwhile.
        var b = RouteUncommittedAsync(world, 1, "b1", "Council approves the new tram line", "The council voted 31 to 12 for the tram line to the airport.");
        Assert.True(await Task.WhenAny(b, Task.Delay(Bound)) == b, "instance B waited for instance A although they share no channel");
        var (dbB, txB) = await b;
        await txB.CommitAsync();
        await txA.CommitAsync();
        await a.DisposeAsync();
        await dbB.DisposeAsync();

        await using var check = world.Dbs.Create();
        Assert.Equal(2, await check.Outbox.CountAsync(o => o.State == OutboxState.Pending));
    }

    [SkippableTheory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task The_same_story_from_two_instances_into_one_channel_is_still_one_post(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var world = await WorldAsync(await temp.MigratedAsync(), (0, 0), (1, 0));

        var (a, txA) = await RouteUncommittedAsync(world, 0, "a1", Headline, Lead + " Read more at Wire 0.");
        var b = Task.Run(() => RouteUncommittedAsync(world, 1, "b1", Headline, "(Wire 1) — " + Lead));
        // B must wait for A's commit: it would otherwise read the channel's stories without A's row and post it twice.
        await Task.Delay(700);
        Assert.False(b.IsCompleted, "instance B routed into the channel while instance A's row for it was uncommitted");
        await txA.CommitAsync();
        await a.DisposeAsync();
        var (dbB, txB) = await b.WaitAsync(Bound);
        await txB.CommitAsync();
        await dbB.DisposeAsync();

        await using var check = world.Dbs.Create();
        var rows = await check.Outbox.OrderBy(o => o.Id).ToListAsync();
        Assert.Equal([OutboxState.Pending, OutboxState.Merged], rows.Select(r => r.State));
        Assert.Equal(rows[0].Id, rows[1].MergedIntoId);
    }
}
