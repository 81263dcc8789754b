using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Delivery;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Delivery;

/// <summary>Issue 22: notices are outbox rows of their own kind, delivered once with the guarantees posts have.</summary>
public sealed class NoticeDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static async Task<long> NoticeAsync(DbFactory dbs, long channelId, string key, NoticeKind kind = NoticeKind.FeedFailing)
    {
        await using var db = dbs.Create();
        var notice = Notice.For(channelId, kind, key, $"Notice {key}", Start.UtcDateTime);
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Two_instances_delivering_at_once_send_each_notice_once(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var (_, channel) = await Seed.FeedAndChannelAsync(dbs);
        for (var i = 0; i < 30; i++)
        {
            await NoticeAsync(dbs, channel.Id, $"n{i}");
        }
        var time = new FakeTimeProvider(Start);
        var senderA = new ScriptedSender(Platforms.Console);
        var senderB = new ScriptedSender(Platforms.Console);
        var a = TestWorkers.Delivery(dbs, [senderA], time, "a");
        var b = TestWorkers.Delivery(dbs, [senderB], time, "b");

        await Task.WhenAll(Task.Run(() => a.DeliverDueAsync(default)), Task.Run(() => b.DeliverDueAsync(default)));
        await Task.WhenAll(Task.Run(() => a.DeliverDueAsync(default)), Task.Run(() => b.DeliverDueAsync(default)));

        var sent = senderA.Notices.Concat(senderB.Notices).Select(n => n.Text).ToList();
        Assert.Equal(30, sent.Count);
        Assert.Equal(30, sent.Distinct().Count());
        await using var db = dbs.Create();
        Assert.All(await db.Notices.ToListAsync(), n => Assert.Equal(OutboxState.Sent, n.State));
    }

    [Fact]
    public async Task A_temporary_failure_is_retried_after_its_backoff_and_a_refusal_is_recorded()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (_, channel) = await Seed.FeedAndChannelAsync(dbs);
        var retried = await NoticeAsync(dbs, channel.Id, "retried");
        var time = new FakeTimeProvider(Start);
        var sender = new ScriptedSender(Platforms.Console);
        sender.NoticeScript.Enqueue(_ => new SendOutcome(SendStatus.Retry, Error: "429", RetryAfter: TimeSpan.FromSeconds(30)));
        var worker = TestWorkers.Delivery(dbs, [sender], time);

        Assert.True(await worker.DeliverDueAsync(default));
        Assert.Empty(sender.Notices);
        Assert.False(await worker.DeliverDueAsync(default));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await worker.DeliverDueAsync(default));
        Assert.Single(sender.Notices);

        var refused = await NoticeAsync(dbs, channel.Id, "refused");
        sender.NoticeScript.Enqueue(_ => new SendOutcome(SendStatus.Rejected, Error: "message too long"));
        Assert.True(await worker.DeliverDueAsync(default));
        Assert.False(await worker.DeliverDueAsync(default));
        await using var db = dbs.Create();
        var rows = await db.Notices.AsNoTracking().ToDictionaryAsync(n => n.Id);
        Assert.Equal(OutboxState.Sent, rows[retried].State);
        Assert.Equal(2, rows[retried].Attempts);
        Assert.Equal(OutboxState.Failed, rows[refused].State);
        Assert.Equal("message too long", rows[refused].LastError);
    }

    [Fact]
    public async Task A_paused_channel_waits_for_its_feed_notices_but_its_lost_channel_notice_goes_out()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (_, channel) = await Seed.FeedAndChannelAsync(dbs);
        await NoticeAsync(dbs, channel.Id, "feed");
        await NoticeAsync(dbs, channel.Id, "lost", NoticeKind.ChannelLost);
        await using (var db = dbs.Create())
        {
            await db.Channels.Where(c => c.Id == channel.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.PausedAt, Start.UtcDateTime));
        }
        var sender = new ScriptedSender(Platforms.Console);

        Assert.True(await TestWorkers.Delivery(dbs, [sender], new FakeTimeProvider(Start)).DeliverDueAsync(default));

        // The console cannot reach a lost channel's people: refused and recorded, not retried.
        await using var check = dbs.Create();
        var rows = await check.Notices.AsNoTracking().ToDictionaryAsync(n => n.Key);
        Assert.Equal(OutboxState.Pending, rows["feed"].State);
        Assert.Equal(OutboxState.Failed, rows["lost"].State);
        Assert.Contains("cannot be told", rows["lost"].LastError, StringComparison.Ordinal);
        Assert.Empty(sender.Notices);
    }
}
