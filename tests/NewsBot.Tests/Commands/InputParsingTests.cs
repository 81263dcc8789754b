using NewsBot.Commands;

namespace NewsBot.Tests.Commands;

public sealed class InputParsingTests
{
    [Theory]
    [InlineData("https://example.com/feed.xml", "https://example.com/feed.xml")]
    [InlineData("  <https://example.com/rss>  ", "https://example.com/rss")]
    [InlineData("example.com/atom", "https://example.com/atom")]
    [InlineData("http://例子.中国/新闻.xml", "http://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB.xml")]
    [InlineData("example.com:8080/feed", "https://example.com:8080/feed")]
    [InlineData("HTTPS://Example.COM/Feed", "https://example.com/Feed")]
    public void Pasted_urls_are_normalized(string input, string expected)
    {
        Assert.True(FeedUrl.TryParse(input, out var url, out var error), error);
        Assert.Equal(expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("", "give a feed URL")]
    [InlineData("ftp://example.com/feed", "only http and https")]
    [InlineData("file:///etc/passwd", "only http and https")]
    [InlineData("javascript:alert(1)", "only http and https")]
    [InlineData("http://", "is not a URL")]
    public void Bad_urls_get_a_clear_reason(string input, string reason)
    {
        Assert.False(FeedUrl.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_urls_are_refused()
    {
        Assert.False(FeedUrl.TryParse("https://example.com/" + new string('a', 3000), out _, out var error));
        Assert.Contains("2048", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:15:00", 900)]
    [InlineData("1.5m", 90)]
    public void Durations_read_the_way_people_type_them(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("soon")]
    [InlineData("-00:01:00")]
    public void Bad_durations_are_refused(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("console:main", "console", "main", "")]
    [InlineData("telegram:-1001234567890", "telegram", "-1001234567890", "")]
    [InlineData("telegram:-1001234567890:42", "telegram", "-1001234567890", "42")]
    [InlineData("DISCORD:123456789012345678", "discord", "123456789012345678", "")]
    public void Channels_parse(string text, string platform, string id, string thread)
    {
        Assert.True(ChannelRef.TryParse(text, out var channel, out var error), error);
        Assert.Equal(new ChannelRef(platform, id, thread), channel);
    }

    [Theory]
    [InlineData("main", "not a channel")]
    [InlineData("irc:#news", "unknown platform")]
    [InlineData("telegram:@mychannel", "not a telegram chat id")]
    [InlineData("discord::1", "not a channel")]
    public void Bad_channels_get_a_clear_reason(string text, string reason)
    {
        Assert.False(ChannelRef.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
