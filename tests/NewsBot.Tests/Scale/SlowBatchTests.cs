using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Delivery;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Tests.Delivery;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Scale;

/// <summary>
/// A live instance whose batch outlasts Worker:ClaimTimeout (a platform that accepts one post a second, a channel with
/// a backlog; feeds on slow hosts) must not lose its rows to another instance mid-batch: both would send the same post,
/// or poll the same feed.
/// </summary>
public sealed class SlowBatchTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_post_is_sent_once_when_the_batch_outlasts_the_claim_timeout(string provider)
    {
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await storage.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs, Platforms.Console, "slow");
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 10);

        // One send takes a fifth of the claim timeout (room for a loaded machine); the whole batch takes two timeouts.
        var claimTimeout = TimeSpan.FromSeconds(2);
        var sent = new ConcurrentQueue<(string Title, string Instance)>();
        DeliveryWorker Worker(string name) => TestWorkers.Delivery(dbs, [new SlowSender(sent, name, claimTimeout / 5)], TimeProvider.System, name,
            new WorkerOptions { ClaimTimeout = claimTimeout });
        var slow = Worker("slow");
        var other = Worker("other");

        // "slow" claims all ten posts and needs two claim timeouts to send them; "other" keeps looking meanwhile.
        var batch = slow.DeliverDueAsync(default);
        var rounds = Task.Run(async () =>
        {
            while (!batch.IsCompleted)
            {
                await other.DeliverDueAsync(default);
                await Task.Delay(50);
            }
            await other.DeliverDueAsync(default);
        });
        await Task.WhenAll(batch, rounds);

        var twice = sent.GroupBy(s => s.Title).Where(g => g.Count() > 1).Select(g => $"{g.Key} by {string.Join(", ", g.Select(s => s.Instance))}").ToList();
        Assert.True(twice.Count == 0, "sent more than once: " + string.Join("; ", twice));
        Assert.Equal(10, sent.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Story {i}"), sent.Select(s => s.Title));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_feed_is_polled_once_when_the_tick_batch_outlasts_the_claim_timeout(string provider)
    {
        const int feeds = 16;
        await using var storage = await PostgresOrSqlite.CreateAsync(provider);
        await using var server = await ScaleFeedServer.StartAsync(feeds);
        var dbs = await storage.MigratedAsync();
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < feeds; i++)
            {
                // In step with the server (304), due once: the next check is an hour away.
                db.Feeds.Add(new Feed { Url = server.UrlOf(i), ETag = ScaleFeedServer.ETagOf(i, 0), PrimedAt = now, NextCheckAt = now, CreatedAt = now });
            }
            await db.SaveChangesAsync();
        }

        // "slow" refreshes one feed at a time, each answer takes a quarter of the claim timeout: its one batch of
        // sixteen feeds lasts four timeouts, so the feeds at its end look abandoned long before it gets to them.
        var claimTimeout = TimeSpan.FromSeconds(3);
        server.Slow(Agent("slow"), claimTimeout / 4);
        await using var slowHost = Host(storage, "slow", claimTimeout);
        await using var otherHost = Host(storage, "other", claimTimeout);
        // The ticks run directly (the hosts are built, not started), so the test knows when a batch is over.
        var slowTick = ActivatorUtilities.CreateInstance<TickJob>(slowHost.Services);
        var otherTick = ActivatorUtilities.CreateInstance<TickJob>(otherHost.Services);

        var batch = Task.Run(async () => await slowTick.Execute(null!, default));
        Assert.True(await Eventually.TrueAsync(() => Enumerable.Range(0, feeds).Any(f => server.RequestsOf(f).Count > 0) || batch.IsCompleted, TimeSpan.FromSeconds(60)), "the slow tick never fetched");
        await using (var db = dbs.Create())
        {
            // One batch took every feed (those already refreshed gave their claim back).
            Assert.Equal(feeds, await db.Feeds.CountAsync(f => f.ClaimedBy == "slow" || f.LastCheckedAt != null));
        }
        // Meanwhile "other" ticks as an instance does, and takes over whatever claim has expired.
        while (!batch.IsCompleted)
        {
            await otherTick.Execute(null!, default);
            await Task.WhenAny(batch, Task.Delay(200));
        }
        await batch;

        var requests = Enumerable.Range(0, feeds).Select(f => (Feed: f, Agents: server.RequestsOf(f).Select(r => r.Agent).ToList())).ToList();
        var twice = requests.Where(r => r.Agents.Count > 1).Select(r => $"feed {r.Feed} by {string.Join(", ", r.Agents)}").ToList();
        Assert.True(twice.Count == 0, "polled more than once: " + string.Join("; ", twice));
        Assert.All(requests, r => Assert.Single(r.Agents));
        // The takeover happened (else the test proved nothing), and nothing stays claimed.
        Assert.Contains(requests, r => r.Agents[0] == Agent("other"));
        await using (var db = dbs.Create())
        {
            Assert.Equal(0, await db.Feeds.CountAsync(f => f.ClaimedBy != null || f.LastCheckedAt == null));
        }
    }

    private static string Agent(string instance) => $"NewsBot-slow-batch-{instance}";

    private static WebApplication Host(PostgresOrSqlite storage, string instance, TimeSpan claimTimeout) =>
        TestHost.Build(storage.HostSettings(
            ("Feeds:UserAgent", Agent(instance)),
            ("Feeds:DefaultInterval", "01:00:00"),
            ("Feeds:MinInterval", "01:00:00"),
            ("Feeds:Timeout", "00:00:02"),
            ("Feeds:FullTextTimeout", "00:00:00.500"),
            ("Worker:FeedConcurrency", "1"),
            ("Worker:ClaimTimeout", claimTimeout.ToString("c", CultureInfo.InvariantCulture)),
            ("Worker:InstanceId", instance)), new SyncStringWriter());

    /// <summary>A platform that takes its time to accept each post.</summary>
    private sealed class SlowSender(ConcurrentQueue<(string Title, string Instance)> sent, string instance, TimeSpan perPost) : IChannelSender
    {
        public string Platform => Platforms.Console;

        public async Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
        {
            await Task.Delay(perPost, ct);
            sent.Enqueue((post.Title, instance));
            return SendOutcome.Ok(nonce);
        }

        public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(nonce));

        public bool FitsOneMessage(DigestPage page) => true;

        public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(null));
    }
}
