using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Topics;

public sealed class CatalogTests
{
    [Fact]
    public async Task Catalog_feeds_are_polled_without_subscribers_and_survive_their_last_subscriber_leaving()
    {
        using var temp = new TempDatabase();
        await using var app = TestHost.Build(TestHost.Settings(temp), new SyncStringWriter());
        var dbs = app.Services.GetRequiredService<DbFactory>();
        await dbs.MigrateAsync(default);
        var loader = app.Services.GetRequiredService<CatalogLoader>();
        Assert.Equal(2, await loader.ImportAsync([new("https://cat.example/rss", "Catalog"), new("https://cat2.example/rss", null), new("javascript:alert(1)", "bad")], default));

        var channel = new ChannelRef(Platforms.Console, "main");
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            var c = new ChatChannel { Platform = channel.Platform, ExternalId = channel.ExternalId, CreatedAt = now };
            var catalogFeed = await db.Feeds.SingleAsync(f => f.Url == "https://cat.example/rss");
            Assert.True(catalogFeed.IsCatalog);
            Assert.True(catalogFeed.NextCheckAt <= DateTime.UtcNow); // due at once: polled with no subscriber
            db.Subscriptions.AddRange(
                new Subscription { Channel = c, Feed = catalogFeed, CreatedAt = now },
                new Subscription { Channel = c, Feed = new Feed { Url = "https://own.example/rss", Title = "Own", CreatedAt = now }, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        var subscriptions = app.Services.GetRequiredService<SubscriptionService>();
        Assert.True((await subscriptions.UnsubscribeAsync(channel, "https://cat.example/rss", default)).Ok);
        Assert.True((await subscriptions.UnsubscribeAsync(channel, "Own", default)).Ok);

        // Re-importing a shorter catalog drops the flag from feeds no longer listed.
        Assert.Equal(1, await loader.ImportAsync([new("https://cat2.example/rss", null)], default));
        await using var check = dbs.Create();
        var urls = await check.Feeds.OrderBy(f => f.Url).Select(f => new { f.Url, f.IsCatalog }).ToListAsync();
        Assert.Equal(["https://cat.example/rss", "https://cat2.example/rss"], urls.Select(u => u.Url));
        Assert.Equal([false, true], urls.Select(u => u.IsCatalog));
    }
}
