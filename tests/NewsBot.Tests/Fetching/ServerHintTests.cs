using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class ServerHintTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static async Task<FetchResult> FetchWithAsync(int status, params (string Name, string Value)[] headers)
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            if (status == 200)
            {
                await context.Response.WriteAsync("<rss/>");
            }
        });
        var options = Fetchers.Options();
        return await Fetchers.Create(options, new FakeTimeProvider(Now)).FetchAsync(server.Url("/feed"));
    }

    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "3600", 3600)]
    [InlineData(429, "Tue, 24 Nov 2026 08:10:00 GMT", 600)]
    [InlineData(503, "Tue, 24 Nov 2026 09:00:00 GMT", 3600)]
    [InlineData(503, "Tue, 24 Nov 2026 07:00:00 GMT", 0)] // a date already past means "now"
    public async Task Retry_after_on_429_and_503_is_a_delay(int status, string retryAfter, int seconds)
    {
        var result = await FetchWithAsync(status, ("Retry-After", retryAfter));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.RetryAfter);
        Assert.Contains($"HTTP {status}", result.Error);
    }

    [Theory]
    [InlineData(429, "soon")]
    [InlineData(500, "120")] // Retry-After only means something on 429/503
    public async Task Unusable_retry_after_is_ignored(int status, string retryAfter)
    {
        var result = await FetchWithAsync(status, ("Retry-After", retryAfter));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task Absurd_retry_after_does_not_overflow()
    {
        var result = await FetchWithAsync(429, ("Retry-After", "99999999999999999999999"));

        Assert.Equal(TimeSpan.FromDays(365), result.RetryAfter);
    }

    [Theory]
    [InlineData("public, max-age=1800", 1800)]
    [InlineData("max-age=0", 0)]
    [InlineData("no-cache", null)]
    [InlineData("max-age=banana", null)]
    public async Task Cache_control_max_age_is_reported(string cacheControl, int? seconds)
    {
        var result = await FetchWithAsync(200, ("Cache-Control", cacheControl));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, result.MaxAge);
    }

    [Theory]
    [InlineData("Tue, 24 Nov 2026 09:30:00 GMT", "2026-11-24T09:30:00Z")]
    [InlineData("0", null)]
    public async Task Expires_is_reported(string expires, string? expected)
    {
        var result = await FetchWithAsync(200, ("Expires", expires));

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected), result.Expires);
    }
}
