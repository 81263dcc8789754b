using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Web;

/// <summary>A started host whose database holds hostile feed data, for the status page tests.</summary>
internal static class StatusHost
{
    public const string HostileTitle = "<script>alert('x')</script> Breaking & \"quoted\"";
    public const string HostileError = "<img src=x onerror=alert(1)> HTTP 500";

    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(PostgresOrSqlite storage, params (string Key, string? Value)[] extra)
    {
        // A long tick keeps the poller away from the seeded feeds, so the page shows exactly what was seeded.
        var settings = storage.HostSettings([("Worker:TickInterval", "01:00:00"), .. extra]);
        var app = TestHost.Build(settings, new SyncStringWriter());
        var dbs = app.Services.GetRequiredService<DbFactory>();
        await dbs.MigrateAsync(default);
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            var failing = new Feed { Url = "https://news.example/feed.xml", Title = HostileTitle, CreatedAt = now, NextCheckAt = now.AddMinutes(8), ErrorCount = 3, LastError = HostileError, LastCheckedAt = now, PrimedAt = now };
            var healthy = new Feed { Url = "https://ok.example/rss", Title = "Healthy feed", CreatedAt = now, NextCheckAt = now.AddMinutes(15), LastSuccessAt = now.AddMinutes(-2), PrimedAt = now };
            var channel = new ChatChannel { Platform = Platforms.Telegram, ExternalId = "-100777", Title = "Team <b>news</b>", CreatedAt = now };
            var paused = new ChatChannel { Platform = Platforms.Discord, ExternalId = "42", PausedAt = now, PausedReason = "Missing Access", CreatedAt = now };
            db.Subscriptions.Add(new Subscription { Channel = channel, Feed = failing, Mode = DeliveryMode.Immediate, Filter = "moon -rumour", CreatedAt = now });
            db.Subscriptions.Add(new Subscription { Channel = channel, Feed = healthy, Mode = DeliveryMode.Digest, CreatedAt = now });
            db.Subscriptions.Add(new Subscription { Channel = paused, Topic = "space", Mode = DeliveryMode.Immediate, CreatedAt = now });
            var sent = new Article { Feed = healthy, DedupeKey = "a1", Title = "Probe lands <safely>", Url = "https://ok.example/a1", PublishedAt = now, FirstSeenAt = now };
            var waiting = new Article { Feed = healthy, DedupeKey = "a2", Title = "Second story", PublishedAt = now, FirstSeenAt = now };
            db.Outbox.Add(new OutboxEntry { Channel = channel, Article = sent, State = OutboxState.Sent, SentAt = now.AddSeconds(-30), Nonce = "n1", CreatedAt = now, NextAttemptAt = now });
            db.Outbox.Add(new OutboxEntry { Channel = paused, Article = waiting, State = OutboxState.Pending, Nonce = "n2", CreatedAt = now.AddMinutes(-5), NextAttemptAt = now });
            await db.SaveChangesAsync();
        }
        await app.StartAsync();
        return (app, app.Urls.First().TrimEnd('/'));
    }
}
