using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Delivery;
using NewsBot.Digests;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Digests;

public sealed class DigestRunTests
{
    // Tue 24 Nov 2026, 07:55 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 23, 55, 0, TimeSpan.Zero);

    private const string BakuLead = "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit, where negotiators aim to agree a new climate finance goal for developing nations.";

    [Fact]
    public async Task A_digest_lists_the_same_story_once_with_all_its_sources_grouped_and_most_important_first()
    {
        using var temp = new TempDatabase();
        var (dbs, time, recorder, runs, channelId) = await SetUpAsync(temp);
        var feeds = await AddFeedsAsync(dbs, channelId, "Reuters", "AP", "BBC");
        await RouteAsync(dbs, time, feeds,
        [
            ("b2", "BBC", "Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday, citing slower price growth."),
            ("r1", "Reuters", "UN climate talks open in Baku as nations seek finance deal", BakuLead),
            ("a1", "AP", "UN climate talks open in Baku as nations seek finance deal - AP", BakuLead.Replace("Baku on", "Baku, Azerbaijan on", StringComparison.Ordinal)),
            ("b1", "BBC", "UN Climate Talks Open in Baku as Nations Seek Finance Deal", BakuLead),
        ]);

        Assert.Equal(DigestRunResult.Done, await runs.SendNowAsync(channelId, default));

        var (_, page, _) = Assert.Single(recorder.Pages);
        var entries = page.Groups.SelectMany(g => g.Entries).ToList();
        Assert.Equal(2, entries.Count);
        var baku = entries[0];
        Assert.Equal("UN climate talks open in Baku as nations seek finance deal", baku.Title);
        Assert.Equal(3, 1 + baku.AlsoIn.Count);
        Assert.Equal(["AP", "BBC", "Reuters"], baku.AlsoIn.Append(baku.Source).Order());
        Assert.Equal("Reuters", page.Groups[0].Title);
        Assert.Equal("Fed holds interest rates steady as inflation cools", entries[1].Title);
        Assert.Contains("新闻汇总", page.Heading, StringComparison.Ordinal);

        await using var check = dbs.Create();
        var states = await check.Outbox.Select(o => o.State).ToListAsync();
        Assert.Equal(2, states.Count(s => s == OutboxState.Sent));
        Assert.Equal(2, states.Count(s => s == OutboxState.Merged));
        Assert.Equal(DigestRunResult.Done, await runs.SendNowAsync(channelId, default));
        Assert.Single(recorder.Pages); // nothing left, nothing sent again
    }

    [Fact]
    public async Task A_long_digest_is_split_and_a_failure_mid_digest_neither_loses_nor_repeats_a_story()
    {
        using var temp = new TempDatabase();
        var (dbs, time, recorder, runs, channelId) = await SetUpAsync(temp);
        var feeds = await AddFeedsAsync(dbs, channelId, "Wire");
        // Twelve genuinely different stories (fixed text: random filler could make two look alike to the story merger).
        string[] topics =
        [
            "Central bank holds interest rates steady amid cooling inflation",
            "Wildfire forces evacuation of mountain villages overnight",
            "Parliament passes sweeping reform of pension contributions",
            "Astronomers detect water vapour on distant exoplanet",
            "Striking dock workers reach tentative wage agreement",
            "Museum returns looted bronze sculptures to Nigeria",
            "Record heat strains electricity grid across southern states",
            "Football club appoints former captain as head coach",
            "Chip maker unveils factory plan worth twenty billion dollars",
            "Flooded river cuts rail link between two major cities",
            "Court overturns ban on street vendors in the capital",
            "Researchers map coral bleaching along the reef by drone",
        ];
        var stories = topics.Select((t, i) => ($"s{i + 1}", "Wire", t, $"{t}, officials said on Monday, adding details {i} would follow.")).ToArray();
        await RouteAsync(dbs, time, feeds, stories);

        // Page 1 is accepted, page 2 is rate limited (as if the bot crashed before it went out).
        recorder.Script.Enqueue(SendOutcome.Ok("p1"));
        recorder.Script.Enqueue(new SendOutcome(SendStatus.Retry, Error: "429"));
        Assert.Equal(DigestRunResult.RetryLater, await runs.SendNowAsync(channelId, default));
        Assert.Single(recorder.Pages);
        Assert.Equal(5, recorder.Pages.Single().Page.Groups.Sum(g => g.Entries.Count));
        Assert.EndsWith("(1/3)", recorder.Pages.Single().Page.Heading, StringComparison.Ordinal);

        Assert.Equal(DigestRunResult.Done, await runs.SendNowAsync(channelId, default));
        var titles = recorder.Pages.SelectMany(p => p.Page.Groups.SelectMany(g => g.Entries)).Select(e => e.Title).ToList();
        Assert.Equal(12, titles.Count);
        Assert.Equal(12, titles.Distinct().Count());
        Assert.Equal(3, recorder.Pages.Count);

        await using var check = dbs.Create();
        Assert.All(await check.Outbox.ToListAsync(), o => Assert.Equal(OutboxState.Sent, o.State));
    }

    [Fact]
    public async Task A_digest_missed_while_the_bot_was_down_is_sent_once_when_it_comes_back()
    {
        using var temp = new TempDatabase();
        var (dbs, time, recorder, runs, channelId) = await SetUpAsync(temp);
        var feeds = await AddFeedsAsync(dbs, channelId, "Wire");
        await RouteAsync(dbs, time, feeds, [("x", "Wire", "UN climate talks open in Baku as nations seek finance deal", BakuLead)]);

        // 07:55 in Shanghai: nothing is owed yet.
        Assert.Equal(0, await runs.CatchUpAsync(default));
        Assert.Empty(recorder.Pages);

        // The bot was down over 08:00 and over the next two 08:00s; it comes back at 09:10 two days later.
        time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(75));
        Assert.Equal(1, await runs.CatchUpAsync(default));
        Assert.Single(recorder.Pages);

        // Restarting again, or Quartz replaying the misfired 08:00 trigger, sends nothing more.
        Assert.Equal(0, await runs.CatchUpAsync(default));
        var missed = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(DigestRunResult.Skipped, await runs.RunScheduledAsync(channelId, missed, default));
        Assert.Single(recorder.Pages);

        // The next regular 08:00 runs as usual.
        await RouteAsync(dbs, time, feeds, [("y", "Wire", "Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday.")]);
        time.SetUtcNow(missed.AddDays(1));
        Assert.Equal(DigestRunResult.Done, await runs.RunScheduledAsync(channelId, missed.AddDays(1), default));
        Assert.Equal(2, recorder.Pages.Count);
        Assert.Equal(DigestRunResult.Skipped, await runs.RunScheduledAsync(channelId, missed.AddDays(1), default));
    }

    [Fact]
    public async Task A_scheduled_fire_for_a_channel_without_a_schedule_says_so()
    {
        using var temp = new TempDatabase();
        var (dbs, _, _, runs, channelId) = await SetUpAsync(temp);
        await using (var db = dbs.Create())
        {
            await db.DigestSchedules.ExecuteDeleteAsync();
        }
        Assert.Equal(DigestRunResult.NoSchedule, await runs.RunScheduledAsync(channelId, Start, default));
    }

    private static async Task<(DbFactory, FakeTimeProvider, DigestRecorder, DigestRuns, long)> SetUpAsync(TempDatabase temp)
    {
        var dbs = await Seed.MigratedAsync(temp);
        var time = new FakeTimeProvider(Start);
        var recorder = new DigestRecorder();
        var sender = new DigestSender(dbs, [recorder], time, NullLogger<DigestSender>.Instance);
        var runs = new DigestRuns(dbs, sender, time, NullLogger<DigestRuns>.Instance);
        Assert.True(DigestSpec.TryParse("daily 08:00 Asia/Shanghai", "UTC", out var spec, out _));
        await using var db = dbs.Create();
        var channel = new ChatChannel { Platform = Platforms.Console, ExternalId = "main", Locale = "zh", TimeZone = spec.TimeZoneId, CreatedAt = Start.UtcDateTime };
        db.DigestSchedules.Add(new DigestSchedule { Channel = channel, Cron = spec.Cron, TimeZone = spec.TimeZoneId, CreatedAt = Start.UtcDateTime.AddDays(-10), LastSentAt = Start.UtcDateTime.AddDays(-1).AddMinutes(5) });
        await db.SaveChangesAsync();
        return (dbs, time, recorder, runs, channel.Id);
    }

    private static async Task<Dictionary<string, long>> AddFeedsAsync(DbFactory dbs, long channelId, params string[] names)
    {
        await using var db = dbs.Create();
        var feeds = names.Select(n => new Feed { Url = $"https://{n.ToLowerInvariant()}.example/rss", Title = n, CreatedAt = Start.UtcDateTime, PrimedAt = Start.UtcDateTime }).ToList();
        db.Subscriptions.AddRange(feeds.Select(f => new Subscription { ChannelId = channelId, Feed = f, Mode = DeliveryMode.Digest, CreatedAt = Start.UtcDateTime }));
        await db.SaveChangesAsync();
        return feeds.ToDictionary(f => f.Title!, f => f.Id);
    }

    private static async Task RouteAsync(DbFactory dbs, TimeProvider time, Dictionary<string, long> feeds, (string Key, string Feed, string Title, string Text)[] items)
    {
        var router = new Router(time);
        foreach (var (key, feedName, title, text) in items)
        {
            await using var db = dbs.Create();
            var feed = await db.Feeds.SingleAsync(f => f.Id == feeds[feedName]);
            var now = time.GetUtcNow().UtcDateTime;
            var article = new Article { Feed = feed, DedupeKey = key, Title = title, Text = text, Summary = text, Url = $"https://example.com/{key}", PublishedAt = now, FirstSeenAt = now };
            db.Articles.Add(article);
            await router.RouteAsync(db, feed, [article], default);
            await db.SaveChangesAsync();
        }
    }
}
