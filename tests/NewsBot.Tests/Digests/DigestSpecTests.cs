using NewsBot.Digests;

namespace NewsBot.Tests.Digests;

public sealed class DigestSpecTests
{
    [Theory]
    [InlineData("daily 08:00", "UTC", "0 0 8 * * ?", "UTC")]
    [InlineData("daily 8:05 Asia/Shanghai", "UTC", "0 5 8 * * ?", "Asia/Shanghai")]
    [InlineData("weekdays 18:30", "Europe/London", "0 30 18 ? * MON-FRI", "Europe/London")]
    [InlineData("weekly mon 07:00 America/New_York", "UTC", "0 0 7 ? * MON", "America/New_York")]
    [InlineData("weekly Sunday 21:00 UTC+8", "UTC", "0 0 21 ? * SUN", "UTC+08:00")]
    [InlineData("weekly 周五 09:00 +05:30", "UTC", "0 0 9 ? * FRI", "UTC+05:30")]
    [InlineData("每天 07:30 GMT-3", "UTC", "0 30 7 * * ?", "UTC-03:00")]
    public void Reads_schedules_as_people_type_them(string text, string channelZone, string cron, string zone)
    {
        Assert.True(DigestSpec.TryParse(text, channelZone, out var spec, out var error), error);
        Assert.Equal(cron, spec.Cron);
        Assert.Equal(zone, spec.TimeZoneId);
    }

    [Theory]
    [InlineData("", "usage")]
    [InlineData("hourly 08:00", "not a schedule")]
    [InlineData("daily", "HH:MM")]
    [InlineData("daily 25:00", "not a time")]
    [InlineData("daily 8:7", "not a time")]
    [InlineData("weekly 08:00", "not a day")]
    [InlineData("weekly funday 08:00", "not a day")]
    [InlineData("daily 08:00 Mars/Olympus", "unknown time zone")]
    [InlineData("daily 08:00 UTC+15", "between -14:00 and +14:00")]
    public void Rejects_bad_schedules_with_a_clear_reason(string text, string reason)
    {
        Assert.False(DigestSpec.TryParse(text, "UTC", out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    public static TheoryData<string, string, string[]> Timings => new()
    {
        // 08:00 local stays 08:00 local across New York's end of daylight saving time (1 Nov 2026).
        { "daily 08:00 America/New_York", "2026-10-31T00:00:00Z", ["2026-10-31T12:00:00Z", "2026-11-01T13:00:00Z", "2026-11-02T13:00:00Z"] },
        // London springs forward on 29 Mar 2026.
        { "daily 07:30 Europe/London", "2026-03-28T00:00:00Z", ["2026-03-28T07:30:00Z", "2026-03-29T06:30:00Z", "2026-03-30T06:30:00Z"] },
        // Shanghai has no DST; its 08:00 is midnight UTC.
        { "daily 08:00 Asia/Shanghai", "2026-11-24T00:30:00Z", ["2026-11-25T00:00:00Z", "2026-11-26T00:00:00Z"] },
        { "daily 08:00 UTC+05:30", "2026-11-24T00:00:00Z", ["2026-11-24T02:30:00Z", "2026-11-25T02:30:00Z"] },
        // Tue 24 Nov 2026 → Fri, then skip the weekend to Mon.
        { "weekdays 09:00 UTC", "2026-11-26T10:00:00Z", ["2026-11-27T09:00:00Z", "2026-11-30T09:00:00Z"] },
        { "weekly mon 07:00 Asia/Tokyo", "2026-11-24T00:00:00Z", ["2026-11-29T22:00:00Z", "2026-12-06T22:00:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Timings))]
    public void Fires_at_local_wall_clock_time_in_the_channels_zone(string text, string from, string[] expected)
    {
        Assert.True(DigestSpec.TryParse(text, "UTC", out var spec, out var error), error);
        var t = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var want in expected)
        {
            var next = spec.NextAfter(t);
            Assert.Equal(DateTimeOffset.Parse(want, System.Globalization.CultureInfo.InvariantCulture), next);
            t = next!.Value;
        }
    }

    [Fact]
    public void The_last_scheduled_time_before_now_is_found_for_catching_up()
    {
        Assert.True(DigestSpec.TryParse("daily 08:00 Asia/Shanghai", "UTC", out var spec, out _));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), spec.LastAtOrBefore(new DateTimeOffset(2026, 11, 24, 5, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), spec.LastAtOrBefore(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), spec.LastAtOrBefore(new DateTimeOffset(2026, 11, 23, 23, 59, 0, TimeSpan.Zero)));
    }
}
