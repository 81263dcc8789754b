using NewsBot.Feeds.Parsing;

namespace NewsBot.Tests.Feeds;

public class FeedDatesTests
{
    [Theory]
    [InlineData("Tue, 05 Nov 2024 02:39:04 GMT", "2024-11-05T02:39:04Z")]
    [InlineData("Tue, 05 Nov 2024 02:39:04 +0000", "2024-11-05T02:39:04Z")]
    [InlineData("Tue, 05 Nov 2024 02:39:04 +0530", "2024-11-04T21:09:04Z")]
    [InlineData("Tue, 05 Nov 2024 23:59:60 UTC", "2024-11-06T00:00:00Z")] // leap second rolls over
    [InlineData("Tue, 5 Nov 2024 02:39:04 -0500", "2024-11-05T07:39:04Z")]
    [InlineData("Mon, 05 Nov 2024 02:39:04 EST", "2024-11-05T07:39:04Z")] // wrong day name
    [InlineData("05 Nov 2024 02:39 PDT", "2024-11-05T09:39:00Z")] // no day name, no seconds
    [InlineData("Tue, 05 Nov 24 02:39:04 GMT", "2024-11-05T02:39:04Z")] // two-digit year
    [InlineData("Tue, 05 November 2024 02:39:04 UT", "2024-11-05T02:39:04Z")]
    [InlineData("Tue, 05 Nov 2024 02:39:04", "2024-11-05T02:39:04Z")] // no zone: UTC
    [InlineData("Tue, 05 Nov 2024 02:39:04 +08:00", "2024-11-04T18:39:04Z")]
    [InlineData("Tue, 05 Nov 2024 10:39:04 GMT+8", "2024-11-05T02:39:04Z")]
    [InlineData("Tue, 05 Nov 2024 02:39:04 Z", "2024-11-05T02:39:04Z")]
    [InlineData("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z")] // asctime
    [InlineData("2024-11-05T02:39:04Z", "2024-11-05T02:39:04Z")]
    [InlineData("2024-11-05T02:39:04.123456+02:00", "2024-11-05T00:39:04.123456Z")]
    [InlineData("2024-11-05T02:39Z", "2024-11-05T02:39:00Z")]
    [InlineData("2024-11-05 02:39:04", "2024-11-05T02:39:04Z")]
    [InlineData("2024-11-05", "2024-11-05T00:00:00Z")]
    [InlineData("2024/11/05 02:39:04", "2024-11-05T02:39:04Z")]
    [InlineData("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z")]
    [InlineData("20241105", "2024-11-05T00:00:00Z")]
    [InlineData("November 5, 2024 2:39 PM", "2024-11-05T14:39:00Z")]
    [InlineData("05.11.2024 02:39", "2024-11-05T02:39:00Z")]
    [InlineData("2024-11-05T24:00:00Z", "2024-11-06T00:00:00Z")]
    public void Parses_to_utc(string raw, string expected)
    {
        var parsed = FeedDates.Parse(raw);
        Assert.NotNull(parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Tue, 31 Feb 2024 02:39:04 GMT")]
    [InlineData("2024-13-05")]
    [InlineData("Xyz, 05 Nov 2024 02:39:04 GMT")] // an unknown word is not skipped over
    [InlineData("Tue, 05 Nov 2024 02:39:04 +0075")]
    [InlineData("99:99")]
    [InlineData("9999-12-31T24:00:00Z")] // rolling over past year 9999 is no date either, not a crash
    [InlineData("Fri, 31 Dec 9999 23:59:60 GMT")]
    public void Rejects_what_is_not_a_date(string? raw) => Assert.Null(FeedDates.Parse(raw));
}
