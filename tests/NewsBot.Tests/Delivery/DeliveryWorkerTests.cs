using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Delivery;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Delivery;

public sealed class DeliveryWorkerTests
{
    private static DeliveryWorker Worker(DbFactory dbs, IChannelSender sender, TimeProvider time, string instance = "test") =>
        TestWorkers.Delivery(dbs, [sender], time, instance);

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Posts_are_sent_in_order_and_marked_sent_once(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 5);
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.True(await worker.DeliverDueAsync(default));
        Assert.False(await worker.DeliverDueAsync(default));

        Assert.Equal(["Story 0", "Story 1", "Story 2", "Story 3", "Story 4"], sender.Delivered.Select(d => d.Title));
        await using var db = dbs.Create();
        Assert.All(await db.Outbox.ToListAsync(), o =>
        {
            Assert.Equal(OutboxState.Sent, o.State);
            Assert.Equal("m-" + o.Nonce, o.PlatformMessageId);
            Assert.Null(o.ClaimedBy);
        });
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_rate_limited_post_holds_back_the_rest_of_its_channel_and_keeps_its_nonce(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 3);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = new ScriptedSender(Platforms.Console);
        sender.Script.Enqueue((_, _) => SendOutcome.Ok("1"));
        sender.Script.Enqueue((_, _) => new SendOutcome(SendStatus.Retry, Error: "429", RetryAfter: TimeSpan.FromSeconds(30)));
        var worker = Worker(dbs, sender, time);

        await worker.DeliverDueAsync(default);
        Assert.Equal(["Story 0"], sender.Delivered.Select(d => d.Title));
        Assert.False(await worker.DeliverDueAsync(default)); // Story 1 waits 30 s; Story 2 must not overtake it

        time.Advance(TimeSpan.FromSeconds(31));
        await worker.DeliverDueAsync(default);
        Assert.Equal(["Story 0", "Story 1", "Story 2"], sender.Delivered.Select(d => d.Title));

        await using var db = dbs.Create();
        var retried = await db.Outbox.Include(o => o.Article).SingleAsync(o => o.Article!.Title == "Story 1");
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(sender.Delivered.Single(d => d.Title == "Story 1").Nonce, retried.Nonce);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_channel_that_is_gone_is_paused_and_its_posts_wait(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 2);
        var sender = new ScriptedSender(Platforms.Console);
        sender.Script.Enqueue((_, _) => new SendOutcome(SendStatus.ChannelGone, Error: "bot was kicked"));
        var worker = Worker(dbs, sender, new FakeTimeProvider(DateTimeOffset.UtcNow));

        await worker.DeliverDueAsync(default);
        Assert.False(await worker.DeliverDueAsync(default));

        await using var db = dbs.Create();
        var paused = await db.Channels.SingleAsync();
        Assert.Equal("bot was kicked", paused.PausedReason);
        Assert.All(await db.Outbox.ToListAsync(), o => Assert.Equal(OutboxState.Pending, o.State));
        Assert.Empty(sender.Delivered);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_moved_chat_is_renamed_and_the_post_goes_to_the_new_id(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs, Platforms.Console, "-100");
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 2);
        var sender = new ScriptedSender(Platforms.Console);
        sender.Script.Enqueue((_, _) => new SendOutcome(SendStatus.Moved, Error: "upgraded", NewExternalId: "-100200"));
        var worker = Worker(dbs, sender, new FakeTimeProvider(DateTimeOffset.UtcNow));

        await worker.DeliverDueAsync(default);
        await worker.DeliverDueAsync(default);

        Assert.Equal([("-100200", "Story 0"), ("-100200", "Story 1")], sender.Delivered.Select(d => (d.ExternalId, d.Title)));
        await using var db = dbs.Create();
        Assert.Equal("-100200", (await db.Channels.SingleAsync()).ExternalId);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_claim_left_by_a_dead_instance_is_taken_over_after_it_expires(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 1);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using (var db = dbs.Create())
        {
            // The dead instance claimed the row and never answered.
            var claimed = await OutboxClaims.ClaimDueAsync(db, "dead", [Platforms.Console], time.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5), 10, default);
            Assert.Single(claimed);
        }
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, time, "alive");

        Assert.False(await worker.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await worker.DeliverDueAsync(default));
        Assert.Single(sender.Delivered);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_rejected_post_is_failed_and_the_next_one_still_goes(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 2);
        var sender = new ScriptedSender(Platforms.Console);
        sender.Script.Enqueue((_, _) => new SendOutcome(SendStatus.Rejected, Error: "message too long"));
        var worker = Worker(dbs, sender, new FakeTimeProvider(DateTimeOffset.UtcNow));

        await worker.DeliverDueAsync(default);

        Assert.Equal(["Story 1"], sender.Delivered.Select(d => d.Title));
        await using var db = dbs.Create();
        Assert.Equal(OutboxState.Failed, (await db.Outbox.Include(o => o.Article).SingleAsync(o => o.Article!.Title == "Story 0")).State);
    }
}
