using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using NewsBot.Discord.Rest;

namespace NewsBot.Tests.Discord;

public sealed class RateLimitBucketTests
{
    private static HttpResponseHeaders Headers(string remaining, string resetAfter)
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Remaining", remaining);
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter);
        return response.Headers;
    }

    [Fact]
    public void Each_request_takes_a_place_so_the_last_one_is_never_spent_twice()
    {
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();
        bucket.Update(Headers("2", "1.000"), time);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(time));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(time));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.Reserve(time));
    }

    [Fact]
    public void A_wait_that_ends_early_is_told_to_wait_the_rest()
    {
        // Timers count in coarse milliseconds; one that fires a little early must not let the request go.
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();
        bucket.Update(Headers("0", "0.400"), time);

        time.Advance(TimeSpan.FromMilliseconds(399.6));
        Assert.Equal(TimeSpan.FromMilliseconds(0.4), bucket.Reserve(time));
        time.Advance(TimeSpan.FromMilliseconds(0.4));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(time));
    }

    [Fact]
    public void A_429_blocks_the_bucket_even_when_headers_said_requests_remain()
    {
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();
        bucket.Update(Headers("5", "1.000"), time);
        bucket.Block(TimeSpan.FromSeconds(3), time);

        Assert.Equal(TimeSpan.FromSeconds(3), bucket.Reserve(time));
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(time));
    }

    [Fact]
    public void Without_headers_the_bucket_never_holds_a_request()
    {
        var time = new FakeTimeProvider();
        var bucket = new RateLimitBucket();
        using var response = new HttpResponseMessage();
        bucket.Update(response.Headers, time);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(TimeSpan.Zero, bucket.Reserve(time)));
    }
}
