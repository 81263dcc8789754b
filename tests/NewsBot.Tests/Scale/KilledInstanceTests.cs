using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using Xunit.Abstractions;

namespace NewsBot.Tests.Scale;

/// <summary>Two real bot processes load both cores; alone, their timing bounds hold on a busy CI machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KilledInstanceCollection
{
    public const string Name = "Two bot processes on one PostgreSQL";
}

/// <summary>
/// Issue 8's multi-instance test: two NewsBot processes on one PostgreSQL share 500 loopback feeds; one is killed with
/// SIGKILL while it holds feed claims. Every article that appears is posted exactly once across both processes, and
/// every feed stays on schedule: the survivor takes the dead instance's claims over when they expire, not before.
/// </summary>
[Collection(KilledInstanceCollection.Name)]
public sealed class KilledInstanceTests(ITestOutputHelper output)
{
    private const int FeedCount = 500;
    private const int ChannelCount = 5;
    private const int StoriesPerPhase = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeliveryPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How late a check may start on a loaded 2-core machine beyond what the configuration allows (measured: up to
    /// 12 s over the interval with a load average of 34, when the run also shared the machine with other tests).
    /// </summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for waits that end as soon as their condition holds (start-up, draining); never a sleep.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Every_article_is_posted_once_and_every_feed_stays_on_time_when_one_of_two_instances_is_killed()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var server = await ScaleFeedServer.StartAsync(FeedCount);
        var dbs = new DbFactory(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = pg.ConnectionString });
        await dbs.MigrateAsync(default);
        await SeedAsync(dbs, server);

        var scheduler = "NewsBot-scale-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = BotProcess.Start("a", Settings(pg.ConnectionString, "a", scheduler));
        await using var b = BotProcess.Start("b", Settings(pg.ConnectionString, "b", scheduler));
        var bots = new[] { a, b };

        // Start-up: both instances poll, and every feed has been checked once (the seeded schedule was due meanwhile).
        await WaitAsync(() => PolledBy(server, Agent("a")) > 0 && PolledBy(server, Agent("b")) > 0, "both instances polling", bots);
        await WaitAsync(() => Enumerable.Range(0, FeedCount).All(f => server.RequestsOf(f).Count > 0), "every feed checked once", bots);
        var steadyFrom = DateTime.UtcNow;

        var expected = new List<(string Title, string Channel)>();
        var random = new Random(8);
        var story = 0;
        void AddStory(int feed)
        {
            var (title, body) = GeneratedStory.Create(story);
            server.AddItem(feed, $"s{story}", title, body);
            expected.Add((title, ChannelOf(feed)));
            story++;
        }
        async Task AddStoriesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                AddStory(random.Next(FeedCount));
                // Paces the publishers: stories keep appearing while both instances poll and deliver.
                await Task.Delay(Interval / count);
            }
        }

        // Phase 1: stories appear while both instances run; they reach their channels, from either process.
        await AddStoriesAsync(StoriesPerPhase);
        await WaitAsync(() => AllPosted(expected, bots) && NothingPending(dbs), "phase 1 stories posted", bots);
        var postedByA = ConsolePosts.Parse(a.Stdout).Count;

        // Instance a is pinned mid-refresh (its next feed request never gets an answer), so it holds feed claims,
        // and then killed: no shutdown code runs, its claims stay until Worker:ClaimTimeout says they are abandoned.
        server.Hold(Agent("a"));
        await WaitAsync(() => server.Held > 0, "instance a in the middle of a refresh", bots);
        var killedAt = DateTime.UtcNow;
        await a.KillAsync();
        List<(string Url, DateTime ClaimedUntil)> orphans;
        await using (var db = dbs.Create())
        {
            orphans = (await db.Feeds.Where(f => f.ClaimedBy == "a" && f.ClaimedUntil != null).Select(f => new { f.Url, f.ClaimedUntil }).ToListAsync())
                .Select(f => (f.Url, f.ClaimedUntil!.Value)).ToList();
        }
        Assert.NotEmpty(orphans);
        var orphanFeeds = orphans.Select(o => (Feed: IndexOf(o.Url), o.ClaimedUntil)).ToList();

        // Phase 2: the dead instance's feeds get stories at once (only a takeover can post them), others meanwhile.
        foreach (var (feed, _) in orphanFeeds)
        {
            AddStory(feed);
        }
        await AddStoriesAsync(StoriesPerPhase);
        await WaitAsync(() => AllPosted(expected, bots) && NothingPending(dbs)
            && orphanFeeds.All(o => server.RequestsOf(o.Feed).Any(r => r.Agent == Agent("b") && r.At > killedAt)), "phase 2 stories posted by the survivor", [b]);
        var endedAt = DateTime.UtcNow;
        await b.KillAsync();

        // Exactly once: every story in its channel, none twice, nothing that was not a new story.
        var posts = ConsolePosts.Parse(a.Stdout).Concat(ConsolePosts.Parse(b.Stdout)).ToList();
        var twice = posts.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => $"{g.Key.Title} → {g.Key.Channel} ×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "posted more than once:\n" + string.Join('\n', twice));
        var missing = expected.Except(posts).ToList();
        Assert.True(missing.Count == 0, "never posted:\n" + string.Join('\n', missing));
        var unexpected = posts.Except(expected).ToList();
        Assert.True(unexpected.Count == 0, "posted without being new:\n" + string.Join('\n', unexpected));
        await using (var db = dbs.Create())
        {
            Assert.Equal(expected.Count, await db.Outbox.CountAsync(o => o.State == OutboxState.Sent));
            Assert.Equal(expected.Count, await db.Outbox.CountAsync());
        }

        // Takeover: each feed the dead instance held is polled by the survivor once its claim expired, never before.
        var takeovers = new List<TimeSpan>();
        foreach (var (feed, claimedUntil) in orphanFeeds)
        {
            var first = server.RequestsOf(feed).First(r => r.Agent == Agent("b") && r.At > killedAt).At;
            Assert.True(first >= claimedUntil, $"feed {feed} was polled at {first:O} while instance a's claim ran until {claimedUntil:O}");
            Assert.True(first <= claimedUntil + Tick + Slack, $"feed {feed}: claim expired {claimedUntil:O}, survivor polled it only at {first:O}");
            takeovers.Add(first - claimedUntil);
        }

        // On time: no feed waits longer than its interval (plus a tick), or across the kill interval + claim timeout.
        var worstBefore = TimeSpan.Zero;
        var worstAcross = TimeSpan.Zero;
        var late = new List<string>();
        for (var feed = 0; feed < FeedCount; feed++)
        {
            var times = server.RequestsOf(feed).Select(r => r.At).Where(t => t >= steadyFrom).Append(endedAt).ToList();
            for (var i = 1; i < times.Count; i++)
            {
                var gap = times[i] - times[i - 1];
                // Only a check that was due while the dead instance's claims still stood may wait for them to expire.
                var acrossKill = times[i - 1] <= killedAt + ClaimTimeout && times[i] > killedAt;
                var allowed = acrossKill ? Interval + ClaimTimeout + Slack : Interval + Tick + Slack;
                if (acrossKill)
                {
                    worstAcross = gap > worstAcross ? gap : worstAcross;
                }
                else
                {
                    worstBefore = gap > worstBefore ? gap : worstBefore;
                }
                if (gap > allowed)
                {
                    late.Add($"feed {feed}: {gap.TotalSeconds:F1} s between checks ending {times[i]:HH:mm:ss.fff} (allowed {allowed.TotalSeconds:F0} s)");
                }
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{expected.Count} stories, {posts.Count} posts ({postedByA} by a before the kill), {orphans.Count} orphaned claims, takeover after expiry {takeovers.Min().TotalSeconds:F1}–{takeovers.Max().TotalSeconds:F1} s, worst gap before the kill {worstBefore.TotalSeconds:F1} s, after {worstAcross.TotalSeconds:F1} s, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Assert.True(late.Count == 0, $"{late.Count} checks late:\n" + string.Join('\n', late.Take(20)));
    }

    private static string Agent(string instance) => $"NewsBot-scale-{instance}";

    private static string ChannelOf(int feed) => $"c{feed % ChannelCount}";

    private static int IndexOf(string url) =>
        int.Parse(url[(url.LastIndexOf('/') + 1)..^".xml".Length], CultureInfo.InvariantCulture);

    private static int PolledBy(ScaleFeedServer server, string agent) =>
        Enumerable.Range(0, server.Feeds).Count(f => server.RequestsOf(f).Any(r => r.Agent == agent));

    private static bool AllPosted(List<(string Title, string Channel)> expected, BotProcess[] bots)
    {
        var posted = bots.SelectMany(b => ConsolePosts.Parse(b.Stdout)).ToHashSet();
        return expected.All(posted.Contains);
    }

    private static bool NothingPending(DbFactory dbs)
    {
        using var db = dbs.Create();
        return !db.Outbox.Any(o => o.State == OutboxState.Pending);
    }

    /// <summary>Waits for a condition; fails at once, with the bots' logs, when one of them died or the wait ran out.</summary>
    private static async Task WaitAsync(Func<bool> condition, string what, BotProcess[] alive)
    {
        var held = await Eventually.TrueAsync(() => condition() || alive.Any(b => b.HasExited), Patience);
        var dead = alive.Where(b => b.HasExited).ToList();
        Assert.True(dead.Count == 0, $"waiting for {what}: {string.Join("\n", dead.Select(d => d.Describe()))}");
        Assert.True(held, $"waiting for {what}: not within {Patience.TotalSeconds:F0} s\n{string.Join("\n", alive.Select(b => b.Describe()))}");
    }

    private static async Task SeedAsync(DbFactory dbs, ScaleFeedServer server)
    {
        var now = DateTime.UtcNow;
        await using var db = dbs.Create();
        var channels = Enumerable.Range(0, ChannelCount)
            .Select(c => new ChatChannel { Platform = Platforms.Console, ExternalId = $"c{c}", Title = $"c{c}", CreatedAt = now }).ToList();
        db.Channels.AddRange(channels);
        for (var i = 0; i < FeedCount; i++)
        {
            // Primed and in step with the server (304 until a story appears); due times spread over one interval.
            var feed = new Feed
            {
                Url = server.UrlOf(i),
                Title = $"Scale feed {i}",
                ETag = ScaleFeedServer.ETagOf(i, 0),
                PrimedAt = now,
                LastSuccessAt = now,
                NextCheckAt = now + Interval * ((double)i / FeedCount),
                CreatedAt = now,
            };
            db.Subscriptions.Add(new Subscription { Channel = channels[i % ChannelCount], Feed = feed, Mode = DeliveryMode.Immediate, CreatedAt = now });
        }
        await db.SaveChangesAsync();
    }

    private static Dictionary<string, string> Settings(string connection, string instance, string scheduler)
    {
        static string Span(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connection,
            ["Feeds:DefaultInterval"] = Span(Interval),
            ["Feeds:MinInterval"] = Span(Interval),
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Feeds:UserAgent"] = Agent(instance),
            ["Feeds:Timeout"] = "00:00:05",
            ["Feeds:FullTextTimeout"] = "00:00:02",
            // All 500 feeds share one loopback host; the default per-host limit (2) would make that host the bottleneck.
            ["Feeds:PerHostConcurrency"] = "8",
            ["Worker:TickInterval"] = Span(Tick),
            ["Worker:ClaimTimeout"] = Span(ClaimTimeout),
            ["Worker:DeliveryPollInterval"] = Span(DeliveryPoll),
            ["Worker:SchedulerName"] = scheduler,
            ["Worker:InstanceId"] = instance,
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Console:Enabled"] = "true",
            ["Catalog:Path"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
    }
}
