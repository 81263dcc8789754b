using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.Scheduling;

namespace NewsBot.Tests.Fetching;

public sealed class FeedScheduleTests
{
    // A Tuesday, 08:00 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private const double Day = 24 * 60;

    private static readonly FeedsOptions Options = new()
    {
        DefaultInterval = TimeSpan.FromMinutes(15),
        MinInterval = TimeSpan.FromMinutes(1),
        MaxInterval = TimeSpan.FromDays(1),
    };

    /// <summary>Minutes everywhere; null means "not given". Expected is minutes after Now.</summary>
    public static TheoryData<string, double?, double?, double?, double?, double?, int, double, double> Cases => new()
    {
        // name,                                interval, maxAge, expires, ttl, retryAfter, errors, jitter, expected
        { "default interval",                   null, null, null, null, null, 0, 0, 15 },
        { "feed's own interval",                120, null, null, null, null, 0, 0, 120 },
        { "interval under the floor",           0.5, null, null, null, null, 0, 0, 1 },
        { "configured beyond a day is kept",    3 * Day, null, null, null, null, 0, 0, 3 * Day },
        { "short max-age never speeds up",      null, 5, null, null, null, 0, 0, 15 },
        { "max-age lengthens",                  null, 60, null, null, null, 0, 0, 60 },
        { "max-age capped at a day",            null, 3 * Day, null, null, null, 0, 0, Day },
        { "Expires lengthens",                  null, null, 120, null, null, 0, 0, 120 },
        { "Expires in the past is ignored",     null, null, -30, null, null, 0, 0, 15 },
        { "ttl lengthens",                      null, null, null, 60, null, 0, 0, 60 },
        { "ttl capped at a day",                null, null, null, 2 * Day, null, 0, 0, Day },
        { "longest hint wins",                  null, 30, 90, 45, null, 0, 0, 90 },
        { "first failure keeps the pace",       null, null, null, null, null, 1, 0, 15 },
        { "second failure doubles",             null, null, null, null, null, 2, 0, 30 },
        { "third failure doubles again",        null, null, null, null, null, 3, 0, 60 },
        { "seventh failure",                    null, null, null, null, null, 7, 0, 15 * 64 },
        { "eighth failure hits the day cap",    null, null, null, null, null, 8, 0, Day },
        { "hundredth failure stays at a day",   null, null, null, null, null, 100, 1, Day },
        { "full jitter stretches by a quarter", null, null, null, null, null, 2, 1, 37.5 },
        { "half jitter",                        null, null, null, null, null, 3, 0.5, 67.5 },
        { "jitter never passes the cap",        null, null, null, null, null, 7, 1, 20 * 60 },
        { "jitter out of range is clamped",     null, null, null, null, null, 2, 7, 37.5 },
        { "Retry-After wins when larger",       null, null, null, null, 120, 1, 0, 120 },
        { "backoff wins when larger",           null, null, null, null, 60, 5, 0, 240 },
        { "Retry-After capped at a day",        null, null, null, null, 3 * Day, 1, 0, Day },
        { "tiny Retry-After keeps the pace",    null, null, null, null, 0.1, 1, 0, 15 },
        { "failure under the floor",            0.25, null, null, null, 0.1, 1, 0, 1 },
        { "max-age ignored on failure",         null, 600, null, null, null, 2, 0, 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Next_check(string name, double? interval, double? maxAge, double? expires, double? ttl, double? retryAfter, int errors, double jitter, double expected)
    {
        var result = new FetchResult
        {
            Status = errors > 0 ? FetchStatus.Failed : FetchStatus.Ok,
            FinalUrl = new Uri("https://feeds.example/rss"),
            MaxAge = Minutes(maxAge),
            Expires = expires is { } e ? Now.AddMinutes(e) : null,
            RetryAfter = Minutes(retryAfter),
        };
        var feed = ttl is null ? null : new ParsedFeed { Format = "rss2.0", TimeToLive = Minutes(ttl) };

        var next = FeedSchedule.Next(Now, Minutes(interval), Options, result, ScheduleHints.From(feed), errors, jitter);

        Assert.True(Now.AddMinutes(expected) == next, $"{name}: expected +{expected} min, got +{(next - Now).TotalMinutes} min");
    }

    /// <summary>Skip hours and days are UTC; expected is the next check as an ISO time.</summary>
    public static TheoryData<string, int[], DayOfWeek[], string> SkipCases => new()
    {
        { "nothing skipped",            [], [], "2026-11-24T08:15:00Z" },
        { "the current hour",           [8], [], "2026-11-24T09:00:00Z" },
        { "several hours in a row",     [8, 9, 10], [], "2026-11-24T11:00:00Z" },
        { "another hour only",          [3], [], "2026-11-24T08:15:00Z" },
        { "today",                      [], [DayOfWeek.Tuesday], "2026-11-25T00:00:00Z" },
        { "today and early hours",      [0, 1], [DayOfWeek.Tuesday], "2026-11-25T02:00:00Z" },
        { "every hour is ignored",      Enumerable.Range(0, 24).ToArray(), [], "2026-11-24T08:15:00Z" },
        { "every day is ignored",       [], Enum.GetValues<DayOfWeek>(), "2026-11-24T08:15:00Z" },
        { "out-of-range hours ignored", [-1, 24, 99], [], "2026-11-24T08:15:00Z" },
        {
            "six days skipped: capped at a day", [],
            [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
            "2026-11-25T08:00:00Z"
        },
    };

    [Theory]
    [MemberData(nameof(SkipCases))]
    public void Skip_hours_and_days(string name, int[] skipHours, DayOfWeek[] skipDays, string expected)
    {
        var result = new FetchResult { Status = FetchStatus.Ok, FinalUrl = new Uri("https://feeds.example/rss") };
        var feed = new ParsedFeed { Format = "rss2.0", SkipHours = skipHours, SkipDays = skipDays };

        var next = FeedSchedule.Next(Now, null, Options, result, ScheduleHints.From(feed), 0, 0);

        Assert.True(DateTimeOffset.Parse(expected) == next, $"{name}: expected {expected}, got {next:O}");
    }

    [Fact]
    public void Not_modified_without_a_parsed_feed_uses_the_interval_and_header_hints()
    {
        var result = new FetchResult
        {
            Status = FetchStatus.NotModified,
            FinalUrl = new Uri("https://feeds.example/rss"),
            MaxAge = TimeSpan.FromMinutes(40),
        };

        Assert.Equal(Now.AddMinutes(40), FeedSchedule.Next(Now, null, Options, result, null, 0, 0.9));
    }

    [Fact]
    public void Hints_survive_their_stored_form_and_junk_in_it_is_ignored()
    {
        var feed = new ParsedFeed
        {
            Format = "rss2.0",
            TimeToLive = TimeSpan.FromMinutes(90),
            SkipHours = [23, 0, 0, 99],
            SkipDays = [DayOfWeek.Saturday, DayOfWeek.Sunday],
        };

        var stored = ScheduleHints.From(feed)!.ToStorage();

        Assert.Equal("ttl=90;hours=0,23;days=0,6", stored);
        var back = ScheduleHints.FromStorage(stored)!;
        Assert.Equal(TimeSpan.FromMinutes(90), back.TimeToLive);
        Assert.Equal([0, 23], back.SkipHours);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], back.SkipDays);
        Assert.Null(ScheduleHints.From(new ParsedFeed { Format = "rss2.0" }));
        Assert.Null(ScheduleHints.FromStorage("ttl=-5;hours=x,24;days=9;junk;=1"));
        Assert.Equal(TimeSpan.FromMinutes(30), ScheduleHints.FromStorage("future=1;ttl=30")!.TimeToLive);
    }

    [Fact]
    public void Random_jitter_stays_within_its_bounds()
    {
        var random = new Random(42);
        for (var errors = 1; errors <= 12; errors++)
        {
            var pure = Math.Min(15 * Math.Pow(2, errors - 1), Day);
            for (var i = 0; i < 200; i++)
            {
                var minutes = (FeedSchedule.Next(Now, null, Options, null, null, errors, random.NextDouble()) - Now).TotalMinutes;
                Assert.InRange(minutes, pure, Math.Min(pure * (1 + FeedSchedule.JitterFraction), Day));
            }
        }
    }

    private static TimeSpan? Minutes(double? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;
}
