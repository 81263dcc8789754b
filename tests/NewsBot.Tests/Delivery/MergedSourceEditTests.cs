using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Delivery;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Delivery;

/// <summary>Issue 16: a source merged into a post already sent is added to that post by an edit, or recorded; never posted again.</summary>
public sealed class MergedSourceEditTests
{
    // Whole seconds: PostgreSQL keeps microseconds, so a tick-precise clock would not read back equal.
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static DeliveryWorker Worker(DbFactory dbs, IChannelSender sender, TimeProvider time) => TestWorkers.Delivery(dbs, [sender], time);

    private sealed record Story(DbFactory Dbs, long CarrierId, long ChannelId, long SecondFeedId);

    /// <summary>A post of feed "Wire A" waiting for a channel that also follows "Wire B".</summary>
    private static async Task<Story> StoryAsync(DbFactory dbs, DateTime now, OutboxState state = OutboxState.Pending)
    {
        var (first, channel) = await Seed.FeedAndChannelAsync(dbs);
        await using var db = dbs.Create();
        var a = await db.Feeds.SingleAsync(f => f.Id == first.Id);
        a.Title = "Wire A";
        var b = new Feed { Url = "https://b.example.com/feed.xml", Title = "Wire B", CreatedAt = now, NextCheckAt = now, PrimedAt = now };
        db.Feeds.Add(b);
        var carrier = Entry(channel.Id, first.Id, state, now);
        db.Outbox.Add(carrier);
        await db.SaveChangesAsync();
        return new Story(dbs, carrier.Id, channel.Id, b.Id);
    }

    private static OutboxEntry Entry(long channelId, long feedId, OutboxState state, DateTime now, long? into = null) => new()
    {
        ChannelId = channelId,
        Article = new Article { FeedId = feedId, DedupeKey = Guid.NewGuid().ToString("N"), Title = "Volcano erupts near Grindavik", Summary = "Lava reached the town's edge.", PublishedAt = now, FirstSeenAt = now, Url = $"https://example.com/{Guid.NewGuid():N}" },
        State = state,
        NextAttemptAt = now,
        Nonce = Router.NewNonce(),
        CreatedAt = now,
        MergedIntoId = into,
    };

    private static async Task<long> MergeAsync(Story story, DateTime now)
    {
        await using var db = story.Dbs.Create();
        var row = Entry(story.ChannelId, story.SecondFeedId, OutboxState.Merged, now, story.CarrierId);
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private static async Task<OutboxEntry> RowAsync(DbFactory dbs, long id)
    {
        await using var db = dbs.Create();
        return await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_source_merged_before_the_post_went_out_is_listed_in_it_and_needs_no_edit(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var time = new FakeTimeProvider(Start);
        var story = await StoryAsync(dbs, time.GetUtcNow().UtcDateTime);
        var merged = await MergeAsync(story, time.GetUtcNow().UtcDateTime);
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, time);

        Assert.True(await worker.DeliverDueAsync(default));
        Assert.False(await worker.DeliverDueAsync(default));

        var post = Assert.Single(sender.Delivered);
        Assert.Equal("Volcano erupts near Grindavik", post.Title);
        Assert.Empty(sender.Edits);
        var row = await RowAsync(dbs, merged);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.LastError);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_source_merged_after_the_post_went_out_is_added_by_one_edit_of_that_message(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var time = new FakeTimeProvider(Start);
        var story = await StoryAsync(dbs, time.GetUtcNow().UtcDateTime);
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, time);
        Assert.True(await worker.DeliverDueAsync(default));
        var carrier = await RowAsync(dbs, story.CarrierId);

        time.Advance(TimeSpan.FromHours(3));
        var merged = await MergeAsync(story, time.GetUtcNow().UtcDateTime);
        Assert.True(await worker.DeliverDueAsync(default));
        Assert.False(await worker.DeliverDueAsync(default));

        Assert.Single(sender.Delivered);
        var edit = Assert.Single(sender.Edits);
        Assert.Equal(carrier.PlatformMessageId, edit.MessageId);
        Assert.Equal(["Wire B"], edit.Post.AlsoIn);
        Assert.Equal("Wire A", edit.Post.Source);
        var row = await RowAsync(dbs, merged);
        Assert.Equal(time.GetUtcNow().UtcDateTime, row.SentAt);
        Assert.Null(row.LastError);
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_post_older_than_48_hours_is_not_edited_and_the_row_says_why(string provider)
    {
        await using var temp = await PostgresOrSqlite.CreateAsync(provider);
        var dbs = await temp.MigratedAsync();
        var time = new FakeTimeProvider(Start);
        var story = await StoryAsync(dbs, time.GetUtcNow().UtcDateTime);
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, time);
        Assert.True(await worker.DeliverDueAsync(default));

        time.Advance(TimeSpan.FromHours(49));
        var merged = await MergeAsync(story, time.GetUtcNow().UtcDateTime);
        Assert.True(await worker.DeliverDueAsync(default));

        Assert.Empty(sender.Edits);
        Assert.Single(sender.Delivered);
        var row = await RowAsync(dbs, merged);
        Assert.NotNull(row.SentAt);
        Assert.StartsWith(MergedSourceEdits.NotAdded, row.LastError, StringComparison.Ordinal);
        Assert.Contains("48 hours", row.LastError, StringComparison.Ordinal);
        Assert.False(await worker.DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_temporary_failure_is_retried_later_and_a_refusal_is_recorded_without_posting_again()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var time = new FakeTimeProvider(Start);
        var story = await StoryAsync(dbs, time.GetUtcNow().UtcDateTime);
        var sender = new ScriptedSender(Platforms.Console);
        var worker = Worker(dbs, sender, time);
        Assert.True(await worker.DeliverDueAsync(default));
        var merged = await MergeAsync(story, time.GetUtcNow().UtcDateTime);
        sender.EditScript.Enqueue(_ => new SendOutcome(SendStatus.Retry, Error: "429", RetryAfter: TimeSpan.FromSeconds(20)));
        sender.EditScript.Enqueue(_ => new SendOutcome(SendStatus.Rejected, Error: "the post was deleted"));

        Assert.True(await worker.DeliverDueAsync(default));
        var waiting = await RowAsync(dbs, merged);
        Assert.Null(waiting.SentAt);
        Assert.Equal("429", waiting.LastError);
        Assert.False(await worker.DeliverDueAsync(default)); // not before retry_after
        time.Advance(TimeSpan.FromSeconds(21));
        Assert.True(await worker.DeliverDueAsync(default));

        Assert.Equal(2, sender.Edits.Count);
        Assert.Single(sender.Delivered);
        var row = await RowAsync(dbs, merged);
        Assert.NotNull(row.SentAt);
        Assert.Equal(MergedSourceEdits.NotAdded + "the post was deleted", row.LastError);
        Assert.False(await worker.DeliverDueAsync(default));
    }

    [Fact]
    public async Task A_post_that_went_out_in_a_digest_page_is_not_edited()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var time = new FakeTimeProvider(Start);
        var now = time.GetUtcNow().UtcDateTime;
        var story = await StoryAsync(dbs, now, OutboxState.Sent);
        await using (var db = dbs.Create())
        {
            await db.Outbox.Where(o => o.Id == story.CarrierId).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.SentInDigest, true).SetProperty(o => o.SentAt, now).SetProperty(o => o.PlatformMessageId, "page-1"));
        }
        var merged = await MergeAsync(story, now);
        var sender = new ScriptedSender(Platforms.Console);

        Assert.True(await Worker(dbs, sender, time).DeliverDueAsync(default));

        Assert.Empty(sender.Edits);
        var row = await RowAsync(dbs, merged);
        Assert.NotNull(row.SentAt);
        Assert.Contains("digest", row.LastError, StringComparison.Ordinal);
    }
}
