using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Digests;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using Quartz;

namespace NewsBot.Tests.Topics;

/// <summary>The topic, news, digest and OPML commands, through the one command handler every platform calls, on the real host's services.</summary>
public sealed class CommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDatabase _temp = new();
    private WebApplication _app = null!;
    private CommandHandler _handler = null!;
    private DbFactory _dbs = null!;

    private static readonly CommandContext Admin = new(new ChannelRef(Platforms.Telegram, "-100200"), "1", IsAdmin: true, Language: "en");
    private static readonly CommandContext Member = Admin with { UserId = "2", IsAdmin = false };

    public async Task InitializeAsync()
    {
        _app = TestHost.Build(TestHost.Settings(_temp), new SyncStringWriter());
        _dbs = _app.Services.GetRequiredService<DbFactory>();
        await _dbs.MigrateAsync(default);
        _handler = _app.Services.GetRequiredService<CommandHandler>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    private Task<CommandReply> Run(CommandContext ctx, string command, string arguments = "") => _handler.HandleAsync(ctx, command, arguments, default);

    [Fact]
    public async Task Topics_are_added_listed_and_removed_and_only_admins_change_them()
    {
        var added = await Run(Admin, "/topic", "add climate -football");
        Assert.Contains("Following the topic climate -football", added.Text, StringComparison.Ordinal);
        Assert.Contains("already follows", (await Run(Admin, "topic", "add CLIMATE  -football")).Text, StringComparison.Ordinal);
        Assert.Contains("央行", (await Run(Admin with { Language = "zh" }, "topic", "\"central bank\" OR 央行")).Text, StringComparison.Ordinal);

        var denied = await Run(Member, "topic", "add bitcoin");
        Assert.Equal(Texts.AdminsOnly("en"), denied.Text);
        var list = await Run(Member, "topic", "list");
        Assert.Contains("1. climate -football", list.Text, StringComparison.Ordinal);
        Assert.Contains("2. \"central bank\" OR 央行", list.Text, StringComparison.Ordinal);

        var bad = await Run(Admin, "topic", "add \"unclosed");
        Assert.Contains("never closed", bad.Text, StringComparison.Ordinal);

        var choices = await Run(Admin, "topic", "remove");
        Assert.Equal(2, choices.ChoiceList.Count);
        var removed = await Run(Admin, "topic", choices.ChoiceList[0].Command["topic ".Length..]);
        Assert.Contains("Stopped following the topic climate -football", removed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("climate", (await Run(Admin, "topic", "list")).Text, StringComparison.Ordinal);

        await using var db = _dbs.Create();
        var topic = await db.Subscriptions.SingleAsync();
        Assert.Null(topic.FeedId);
        Assert.Equal("\"central bank\" OR 央行", topic.Topic);
    }

    [Fact]
    public async Task A_bad_feed_filter_is_refused_at_subscribe_time_with_the_reason()
    {
        var reply = await Run(Admin, "subscribe", "https://news.example/rss.xml /([a-z/");
        Assert.Contains("bad filter", reply.Text, StringComparison.Ordinal);
        Assert.Contains("regular expression", reply.Text, StringComparison.Ordinal);
        await using var db = _dbs.Create();
        Assert.Equal(0, await db.Subscriptions.CountAsync());
    }

    [Fact]
    public async Task Digest_schedules_are_created_changed_and_removed_by_command_with_their_trigger()
    {
        var channel = await SubscribedChannelAsync();
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var set = await Run(Admin, "digest", "daily 08:00 Asia/Shanghai");
        Assert.Contains("daily at 08:00 (Asia/Shanghai)", set.Text, StringComparison.Ordinal);
        var trigger = await scheduler.GetTrigger(DigestScheduler.KeyFor(channel));
        Assert.NotNull(trigger);
        var next = trigger!.NextFireTimeUtc!.Value;
        Assert.Equal(0, next.UtcDateTime.Hour); // 08:00 in Shanghai
        await using (var db = _dbs.Create())
        {
            Assert.All(await db.Subscriptions.ToListAsync(), s => Assert.Equal(DeliveryMode.Digest, s.Mode));
            Assert.Equal("Asia/Shanghai", (await db.Channels.SingleAsync()).TimeZone);
        }

        var changed = await Run(Admin, "digest", "weekly fri 18:30 UTC-5");
        Assert.Contains("weekly Fri at 18:30 (UTC-05:00)", changed.Text, StringComparison.Ordinal);
        next = (await scheduler.GetTrigger(DigestScheduler.KeyFor(channel)))!.NextFireTimeUtc!.Value;
        Assert.Equal(DayOfWeek.Friday, next.ToOffset(TimeSpan.FromHours(-5)).DayOfWeek);
        Assert.Equal(23, next.UtcDateTime.Hour);
        Assert.Contains("weekly Fri at 18:30", (await Run(Member, "digest")).Text, StringComparison.Ordinal);
        Assert.Equal(Texts.AdminsOnly("en"), (await Run(Member, "digest", "off")).Text);

        var bad = await Run(Admin, "digest", "daily 08:00 Nowhere/Land");
        Assert.Contains("unknown time zone", bad.Text, StringComparison.Ordinal);

        var off = await Run(Admin, "digest", "off");
        Assert.Contains("Digest off", off.Text, StringComparison.Ordinal);
        Assert.Null(await scheduler.GetTrigger(DigestScheduler.KeyFor(channel)));
        await using (var db = _dbs.Create())
        {
            Assert.Equal(0, await db.DigestSchedules.CountAsync());
            Assert.All(await db.Subscriptions.ToListAsync(), s => Assert.Equal(DeliveryMode.Immediate, s.Mode));
        }
    }

    [Fact]
    public async Task Triggers_are_recreated_from_the_schedule_rows_at_start_idempotently()
    {
        var channel = await SubscribedChannelAsync();
        await using (var db = _dbs.Create())
        {
            db.DigestSchedules.Add(new DigestSchedule { ChannelId = channel, Cron = "0 0 7 ? * MON-FRI", TimeZone = "Europe/London", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var digests = _app.Services.GetRequiredService<DigestScheduler>();
        await digests.SyncAllAsync(default);
        await digests.SyncAllAsync(default);
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(DigestScheduler.KeyFor(channel));
        Assert.NotNull(trigger);
        var local = TimeZoneInfo.ConvertTime(trigger!.NextFireTimeUtc!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.Equal(7, local.Hour);
        Assert.InRange(local.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
    }

    [Fact]
    public async Task News_answers_with_the_latest_matching_stories_from_every_feed_summarizing_on_demand()
    {
        await using (var db = _dbs.Create())
        {
            var now = DateTime.UtcNow;
            var catalog = new Feed { Url = "https://zh.example/rss", Title = "中文新闻", IsCatalog = true, CreatedAt = now, PrimedAt = now };
            var other = new Feed { Url = "https://en.example/rss", Title = "World News", CreatedAt = now, PrimedAt = now };
            db.Articles.AddRange(
                new Article { Feed = catalog, DedupeKey = "1", Title = "联合国气候大会在巴库开幕", Text = "第29届联合国气候变化大会周一在阿塞拜疆首都巴库开幕。各国代表将讨论气候融资问题。发展中国家希望获得更多资金支持。", PublishedAt = now.AddHours(-1), FirstSeenAt = now },
                new Article { Feed = catalog, DedupeKey = "2", Title = "中国女排晋级四强", Text = "中国队以3比1战胜巴西队。", Summary = "中国队获胜。", PublishedAt = now, FirstSeenAt = now },
                new Article { Feed = other, DedupeKey = "3", Title = "Climate talks open in Baku", Text = "Delegates gathered in Baku for the UN climate summit.", Summary = "Delegates gathered in Baku.", PublishedAt = now.AddHours(-2), FirstSeenAt = now },
                new Article { Feed = other, DedupeKey = "4", Title = "Old climate story", Text = "Climate news from last month.", Summary = "Old.", PublishedAt = now.AddDays(-30), FirstSeenAt = now.AddDays(-30) });
            await db.SaveChangesAsync();
        }

        var zh = await Run(Member with { Language = "zh" }, "news", "气候 OR climate");
        Assert.Equal(["联合国气候大会在巴库开幕", "Climate talks open in Baku"], zh.ArticleList.Select(a => a.Title));
        Assert.Equal("中文新闻", zh.ArticleList[0].Source);
        Assert.False(string.IsNullOrWhiteSpace(zh.ArticleList[0].Summary));
        await using (var db = _dbs.Create())
        {
            Assert.False(string.IsNullOrWhiteSpace((await db.Articles.SingleAsync(a => a.DedupeKey == "1")).Summary)); // kept for next time
        }

        Assert.Contains("Nothing about bitcoin", (await Run(Member, "news", "bitcoin")).Text, StringComparison.Ordinal);
        Assert.Contains("Usage", (await Run(Member, "news")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opml_export_and_import_round_trip_through_the_chat_and_hostile_files_are_refused()
    {
        await SubscribedChannelAsync();
        var export = await Run(Admin, "opml", "export");
        Assert.NotNull(export.File);
        Assert.Equal("text/x-opml", export.File!.ContentType);

        var other = Admin with { Channel = new ChannelRef(Platforms.Discord, "555") };
        var imported = await Run(other with { Attachment = export.File }, "opml", "import");
        Assert.Contains("Imported 2 feeds", imported.Text, StringComparison.Ordinal);
        var again = await Run(other with { Attachment = export.File }, "opml", "import");
        Assert.Contains("Imported 0 feeds (2 already subscribed)", again.Text, StringComparison.Ordinal);
        var roundTrip = await Run(other, "opml", "export");
        Assert.Equal(Encoding.UTF8.GetString(export.File.Content).Split('\n').Where(l => l.Contains("xmlUrl", StringComparison.Ordinal)),
            Encoding.UTF8.GetString(roundTrip.File!.Content).Split('\n').Where(l => l.Contains("xmlUrl", StringComparison.Ordinal)));

        var dtd = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><opml><body><outline xmlUrl=\"https://x.example/&lol2;\"/></body></opml>");
        var refused = await Run(other with { Attachment = new ReplyFile("a.opml", "text/xml", dtd) }, "opml", "import");
        Assert.Contains("DTD", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Attach an OPML file", (await Run(other, "opml", "import")).Text, StringComparison.Ordinal);
        Assert.Equal(Texts.AdminsOnly("en"), (await Run(other with { IsAdmin = false, Attachment = export.File }, "opml", "import")).Text);
    }

    /// <summary>The admin's chat subscribed to two feeds (stored directly: these tests don't fetch).</summary>
    private async Task<long> SubscribedChannelAsync()
    {
        await using var db = _dbs.Create();
        var now = DateTime.UtcNow;
        var channel = new ChatChannel { Platform = Admin.Channel.Platform, ExternalId = Admin.Channel.ExternalId, CreatedAt = now };
        db.Subscriptions.AddRange(
            new Subscription { Channel = channel, Feed = new Feed { Url = "https://a.example/rss.xml", Title = "Feed A", CreatedAt = now, NextCheckAt = now.AddHours(1) }, Filter = "climate -football", CreatedAt = now },
            new Subscription { Channel = channel, Feed = new Feed { Url = "https://b.example/atom.xml", Title = "Feed B & Co", CreatedAt = now, NextCheckAt = now.AddHours(1) }, CreatedAt = now });
        await db.SaveChangesAsync();
        return channel.Id;
    }
}
