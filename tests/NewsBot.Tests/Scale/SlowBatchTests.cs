using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Delivery;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Scale;

/// <summary>
/// A live instance whose batch outlasts Worker:ClaimTimeout (a platform that accepts one post a second, a channel with
/// a backlog) must not lose its rows to another instance mid-batch: both would send the same post.
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
        DeliveryWorker Worker(string name) => new(dbs, [new SlowSender(sent, name, claimTimeout / 5)], new DeliverySignal(),
            new WorkerOptions { ClaimTimeout = claimTimeout }, new InstanceName(name), TimeProvider.System, NullLogger<DeliveryWorker>.Instance);
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

    /// <summary>A platform that takes its time to accept each post.</summary>
    private sealed class SlowSender(ConcurrentQueue<(string Title, string Instance)> sent, string instance, TimeSpan perPost) : IChannelSender
    {
        public string Platform => Platforms.Console;

        public async Task<SendOutcome> SendAsync(Channel channel, Post post, string nonce, CancellationToken ct)
        {
            await Task.Delay(perPost, ct);
            sent.Enqueue((post.Title, instance));
            return SendOutcome.Ok(nonce);
        }

        public Task<SendOutcome> SendDigestAsync(Channel channel, DigestPage page, string nonce, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(nonce));

        public bool FitsOneMessage(DigestPage page) => true;

        public Task<SendOutcome> NotifyAsync(Channel channel, string text, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(null));
    }
}
