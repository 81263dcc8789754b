using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using NewsBot.Tests.Telegram;
using Xunit.Abstractions;

namespace NewsBot.Tests.Scale;

/// <summary>
/// Issue 22: a notice is delivered once across a kill -9. A real bot process claims a batch of notice rows for a Telegram
/// group and is killed with SIGKILL while its first send is in flight (the loopback Bot API never answers it, so Telegram
/// never accepted it). A second process takes the claims over only when they expire and delivers every notice exactly
/// once; none is lost with the dead process and none is sent twice.
/// </summary>
[Collection(KilledInstanceCollection.Name)]
public sealed class KilledNoticeTests(ITestOutputHelper output)
{
    private const long Chat = -1001234567890;
    /// <summary>Few: Telegram allows a group about 20 messages a minute, and the sender keeps to that.</summary>
    private const int Notices = 8;
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task Notices_claimed_by_a_killed_instance_are_sent_once_by_the_survivor_after_the_claim_expires()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var telegram = await FakeTelegramServer.StartAsync();
        telegram.AddChat(Chat, "supergroup", "Kill test");
        var dbs = new DbFactory(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = pg.ConnectionString });
        await dbs.MigrateAsync(default);
        var texts = Enumerable.Range(0, Notices).Select(i => $"Feed number {i} has failed 5 times in a row").ToList();
        await using (var db = dbs.Create())
        {
            var now = DateTime.UtcNow;
            var channel = new ChatChannel { Platform = Platforms.Telegram, ExternalId = Chat.ToString(CultureInfo.InvariantCulture), Title = "Kill test", CreatedAt = now };
            db.Channels.Add(channel);
            await db.SaveChangesAsync();
            for (var i = 0; i < Notices; i++)
            {
                db.Notices.Add(Notice.For(channel.Id, NoticeKind.FeedFailing, $"kill-test:{i}", texts[i], now));
            }
            await db.SaveChangesAsync();
        }

        // Instance a claims the notices and is caught with its first send unanswered.
        telegram.HoldSends();
        var scheduler = "NewsBot-notice-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = BotProcess.Start("a", Settings(pg.ConnectionString, telegram.BaseUrl, "a", scheduler));
        Assert.True(await Eventually.TrueAsync(() => telegram.HeldSends > 0 || a.HasExited, Patience), "instance a never sent a notice\n" + a.Describe());
        Assert.False(a.HasExited, a.Describe());
        await a.KillAsync();
        List<DateTime> claims;
        await using (var db = dbs.Create())
        {
            claims = await db.Notices.Where(n => n.ClaimedBy == "a" && n.ClaimedUntil != null).Select(n => n.ClaimedUntil!.Value).ToListAsync();
        }
        Assert.Equal(Notices, claims.Count);
        telegram.ReleaseHeld();
        Assert.Empty(telegram.SentTo(Chat));

        await using var b = BotProcess.Start("b", Settings(pg.ConnectionString, telegram.BaseUrl, "b", scheduler));
        var delivered = await Eventually.TrueAsync(() => telegram.SentTo(Chat).Count >= Notices || b.HasExited, Patience);
        Assert.True(delivered && !b.HasExited, $"{telegram.SentTo(Chat).Count} of {Notices} notices sent\n{b.Describe()}");
        // A little longer: a duplicate would come right behind.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await b.KillAsync();

        var sent = telegram.SentTo(Chat);
        var twice = sent.GroupBy(m => m.Text).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "sent more than once:\n" + string.Join('\n', twice));
        var missing = texts.Where(t => !sent.Any(m => m.Text is not null && m.Text.Contains(t, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "never sent:\n" + string.Join('\n', missing));
        // Taken over only once a's claims had expired.
        var firstBySurvivor = sent.Min(m => m.At).UtcDateTime;
        Assert.True(firstBySurvivor >= claims.Min(), $"the survivor sent at {firstBySurvivor:O}, before a's claims ran out at {claims.Min():O}");
        await using (var db = dbs.Create())
        {
            Assert.Equal(Notices, await db.Notices.CountAsync(n => n.State == OutboxState.Sent && n.ClaimedBy == null));
        }
        output.WriteLine($"{sent.Count} notices, taken over {(firstBySurvivor - claims.Min()).TotalSeconds:F1} s after the claims expired");
    }

    private static Dictionary<string, string> Settings(string connection, string telegramBase, string instance, string scheduler)
    {
        static string Span(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connection,
            ["Telegram:BotToken"] = FakeTelegramServer.Token,
            ["Telegram:ApiBaseUrl"] = telegramBase,
            ["Feeds:Timeout"] = "00:00:05",
            ["Feeds:FullTextTimeout"] = "00:00:02",
            ["Worker:TickInterval"] = "00:00:01",
            ["Worker:ClaimTimeout"] = Span(ClaimTimeout),
            ["Worker:DeliveryPollInterval"] = "00:00:00.500",
            ["Worker:SchedulerName"] = scheduler,
            ["Worker:InstanceId"] = instance,
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Catalog:Path"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
