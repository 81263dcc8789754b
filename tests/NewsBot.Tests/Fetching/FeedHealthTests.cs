using NewsBot.Feeds;
using NewsBot.Feeds.Scheduling;

namespace NewsBot.Tests.Fetching;

public sealed class FeedHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, null, FeedHealthAction.None)]
    [InlineData(1, 0.1, FeedHealthAction.None)]
    [InlineData(4, 1.0, FeedHealthAction.None)]
    [InlineData(5, 1.0, FeedHealthAction.NotifyChannels)]
    [InlineData(6, 2.0, FeedHealthAction.None)] // told once, at the fifth
    [InlineData(9, 3.0, FeedHealthAction.None)] // exactly three days is not more than three days
    [InlineData(9, 3.1, FeedHealthAction.Disable)]
    [InlineData(5, 4.0, FeedHealthAction.Disable)]
    [InlineData(2, 10.0, FeedHealthAction.None)] // few failures over a long outage of the bot itself
    [InlineData(12, null, FeedHealthAction.None)]
    public void Failure_streaks(int errors, double? failingForDays, FeedHealthAction expected)
    {
        DateTimeOffset? since = failingForDays is { } d ? Now.AddDays(-d) : null;

        Assert.Equal(expected, FeedHealth.Evaluate(errors, since, Now, new FeedsOptions()));
    }
}
