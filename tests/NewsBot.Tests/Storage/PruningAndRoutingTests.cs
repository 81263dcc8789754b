using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Storage;

public sealed class PruningAndRoutingTests
{
    [Fact]
    public async Task Pruning_keeps_tombstones_and_spares_articles_still_waiting_to_be_sent()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        var waiting = await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 1);
        await using (var db = dbs.Create())
        {
            db.Articles.Add(new Article { FeedId = feed.Id, DedupeKey = "old", Title = "Old", Text = "body", Summary = "s", PageText = "the article page's text", PageUrl = "https://news.example/old", PublishedAt = DateTime.UtcNow, FirstSeenAt = DateTime.UtcNow.AddDays(-40) });
            await db.Articles.ExecuteUpdateAsync(u => u.SetProperty(a => a.FirstSeenAt, DateTime.UtcNow.AddDays(-40)));
            await db.SaveChangesAsync();
        }
        var pruner = new ArticlePruner(dbs, new StorageOptions(), new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Equal(1, await pruner.PruneIfDueAsync(default));
        Assert.Equal(0, await pruner.PruneIfDueAsync(default)); // once an hour

        await using var check = dbs.Create();
        var old = await check.Articles.SingleAsync(a => a.DedupeKey == "old");
        Assert.True(old.IsTombstone);
        Assert.Null(old.Text);
        Assert.Null(old.PageText);
        Assert.Equal("old", old.DedupeKey);
        var stillPending = await check.Outbox.Include(o => o.Article).SingleAsync(o => o.Id == waiting[0]);
        Assert.False(stillPending.Article!.IsTombstone);
    }

    [Fact]
    public async Task Routing_gives_each_subscribed_channel_one_row_and_skips_paused_channels()
    {
        using var temp = new TempDatabase();
        var dbs = await Seed.MigratedAsync(temp);
        var (feed, first) = await Seed.FeedAndChannelAsync(dbs);
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            var digest = new ChatChannel { Platform = Platforms.Telegram, ExternalId = "-1", CreatedAt = now };
            var paused = new ChatChannel { Platform = Platforms.Telegram, ExternalId = "-2", CreatedAt = now, PausedAt = now, PausedReason = "kicked" };
            db.Subscriptions.AddRange(
                new Subscription { FeedId = feed.Id, Channel = digest, Mode = DeliveryMode.Digest, CreatedAt = now },
                new Subscription { FeedId = feed.Id, Channel = paused, CreatedAt = now },
                new Subscription { FeedId = feed.Id, ChannelId = first.Id, Mode = DeliveryMode.Digest, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await using (var db = dbs.Create())
        {
            var f = await db.Feeds.SingleAsync();
            var article = new Article { Feed = f, DedupeKey = "k", Title = "T", PublishedAt = DateTime.UtcNow, FirstSeenAt = DateTime.UtcNow };
            db.Articles.Add(article);
            await new Router(TimeProvider.System).RouteAsync(db, f, [article], default);
            await db.SaveChangesAsync();
        }

        await using var check = dbs.Create();
        var rows = await check.Outbox.Include(o => o.Channel).OrderBy(o => o.ChannelId).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(OutboxState.Pending, rows.Single(r => r.Channel!.ExternalId == "main").State); // immediate wins over digest
        Assert.Equal(OutboxState.Digest, rows.Single(r => r.Channel!.ExternalId == "-1").State);
        Assert.All(rows, r => Assert.True(r.Nonce.Length <= 25));
    }
}
