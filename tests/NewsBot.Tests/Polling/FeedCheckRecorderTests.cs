using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Tests.Delivery;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Polling;

public sealed class FeedCheckRecorderTests
{
    [Fact]
    public async Task A_failing_feed_backs_off_tells_its_channels_once_and_is_disabled_after_days()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (seeded, _) = await Seed.FeedAndChannelAsync(dbs);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = new ScriptedSender(Platforms.Console);
        var options = new FeedsOptions { DefaultInterval = TimeSpan.FromMinutes(10), MinInterval = TimeSpan.FromMinutes(1) };
        var status = new FeedCheckRecorder(options, time, NullLogger<FeedCheckRecorder>.Instance);
        var failed = new FetchResult { Status = FetchStatus.Failed, FinalUrl = new Uri(seeded.Url), Error = "HTTP 500 from example.com", HttpStatus = 500 };

        var delays = new List<TimeSpan>();
        await using var db = dbs.Create();
        var feed = await db.Feeds.SingleAsync();
        for (var i = 0; i < 12; i++)
        {
            await status.RecordFailureAsync(db, feed, failed.Error!, failed, default);
            await db.SaveChangesAsync();
            delays.Add(feed.NextCheckAt - time.GetUtcNow().UtcDateTime);
            time.Advance(TimeSpan.FromHours(8));
        }

        Assert.True(delays[3] > delays[1], "later failures wait longer");
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromDays(1) && d >= TimeSpan.FromMinutes(1), d.ToString()));
        Assert.Equal("HTTP 500 from example.com", feed.LastError);
        // Once at the threshold, once when disabled: rows committed with the feed's state, then sent by the worker.
        var rows = await db.Notices.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
        Assert.Equal([NoticeKind.FeedFailing, NoticeKind.FeedDisabled], rows.Select(n => n.Kind));
        Assert.Empty(sender.Notices);
        Assert.True(await TestWorkers.Delivery(dbs, [sender], time).DeliverDueAsync(default));
        Assert.Equal(2, sender.Notices.Count);
        Assert.Contains("failed 5 times", sender.Notices.First().Text, StringComparison.Ordinal);
        Assert.Contains("no longer checked", sender.Notices.Last().Text, StringComparison.Ordinal);
        Assert.All(await db.Notices.AsNoTracking().ToListAsync(), n => Assert.Equal(OutboxState.Sent, n.State));
        Assert.False(await TestWorkers.Delivery(dbs, [sender], time).DeliverDueAsync(default));
        Assert.Equal(2, sender.Notices.Count);
        Assert.NotNull(feed.DisabledAt);

        status.RecordSuccess(feed, new FetchResult { Status = FetchStatus.NotModified, FinalUrl = new Uri(seeded.Url) }, null);
        Assert.Equal(0, feed.ErrorCount);
        Assert.Null(feed.LastError);
        Assert.Null(feed.ErrorNotifiedAt);
        // The history the panel shows: the last failures newest first, ten of them; a 304 adds no entry.
        var history = CheckHistory.Read(feed.RecentChecks);
        Assert.Equal(CheckHistory.MaxEntries, history.Count);
        Assert.All(history, h => Assert.Equal((500, "HTTP 500 from example.com"), (h.Status, h.Error)));
        Assert.True(history[0].At > history[1].At);
        status.RecordSuccess(feed, new FetchResult { Status = FetchStatus.Ok, FinalUrl = new Uri(seeded.Url), HttpStatus = 200 }, new ParsedFeed { Format = "rss" }, newItems: 3);
        var latest = CheckHistory.Read(feed.RecentChecks)[0];
        Assert.Equal((200, 3, (string?)null), (latest.Status, latest.NewItems, latest.Error));
        Assert.Equal(time.GetUtcNow().UtcDateTime, latest.At, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_gone_feed_is_disabled_at_once()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (seeded, _) = await Seed.FeedAndChannelAsync(dbs);
        var sender = new ScriptedSender(Platforms.Console);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var status = new FeedCheckRecorder(new FeedsOptions(), time, NullLogger<FeedCheckRecorder>.Instance);
        var gone = new FetchResult { Status = FetchStatus.Failed, FinalUrl = new Uri(seeded.Url), Error = "HTTP 410 Gone", HttpStatus = 410 };

        await using var db = dbs.Create();
        var feed = await db.Feeds.SingleAsync();
        await status.RecordFailureAsync(db, feed, gone.Error!, gone, default);
        await db.SaveChangesAsync();

        Assert.NotNull(feed.DisabledAt);
        Assert.True(await TestWorkers.Delivery(dbs, [sender], time).DeliverDueAsync(default));
        Assert.Contains("no longer checked", Assert.Single(sender.Notices).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feeds_ttl_still_holds_after_a_304_until_a_document_without_it()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (seeded, _) = await Seed.FeedAndChannelAsync(dbs);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var options = new FeedsOptions { DefaultInterval = TimeSpan.FromMinutes(15), MinInterval = TimeSpan.FromMinutes(1) };
        var status = new FeedCheckRecorder(options, time, NullLogger<FeedCheckRecorder>.Instance);
        var ok = new FetchResult { Status = FetchStatus.Ok, FinalUrl = new Uri(seeded.Url) };
        var notModified = new FetchResult { Status = FetchStatus.NotModified, FinalUrl = new Uri(seeded.Url) };

        await using (var db = dbs.Create())
        {
            var feed = await db.Feeds.SingleAsync();
            status.RecordSuccess(feed, ok, new ParsedFeed { Format = "rss2.0", TimeToLive = TimeSpan.FromMinutes(120) });
            await db.SaveChangesAsync();
        }

        // A fresh context: the hint must come from the database, as it does on another instance or after a restart.
        await using (var db = dbs.Create())
        {
            var feed = await db.Feeds.SingleAsync();
            status.RecordSuccess(feed, notModified, null);
            Assert.Equal(TimeSpan.FromMinutes(120), feed.NextCheckAt - time.GetUtcNow().UtcDateTime);

            status.RecordSuccess(feed, ok, new ParsedFeed { Format = "rss2.0" });
            status.RecordSuccess(feed, notModified, null);
            Assert.Equal(TimeSpan.FromMinutes(15), feed.NextCheckAt - time.GetUtcNow().UtcDateTime);
            Assert.Null(feed.ScheduleHints);
        }
    }
}
