using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class SsrfGuardTests
{
    private static Task<FeedServer> FeedOnLoopbackAsync() => FeedServer.StartAsync(context => context.Response.WriteAsync("<rss/>"));

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_before_any_connection()
    {
        await using var server = await FeedOnLoopbackAsync();

        var result = await Fetchers.Create(Fetchers.Options(allowPrivate: false)).FetchAsync(new Uri($"http://localhost:{server.Port}/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Matches(@"^refused: localhost resolves to a loopback address \((127\.0\.0\.1|::1)\)$", result.Error);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task A_literal_loopback_address_is_refused_before_any_connection()
    {
        await using var server = await FeedOnLoopbackAsync();

        var result = await Fetchers.Create(Fetchers.Options(allowPrivate: false)).FetchAsync(server.Url("/feed"));

        Assert.Equal("refused: 127.0.0.1 is a loopback address", result.Error);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task The_same_server_is_reachable_when_private_addresses_are_allowed()
    {
        await using var server = await FeedOnLoopbackAsync();

        var result = await Fetchers.Create(Fetchers.Options(allowPrivate: true)).FetchAsync(new Uri($"http://localhost:{server.Port}/feed"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address")]
    [InlineData("http://10.0.0.5/feed", "refused: 10.0.0.5 is a private address")]
    [InlineData("http://100.64.1.1/feed", "refused: 100.64.1.1 is a private address")]
    [InlineData("http://0.0.0.0/feed", "refused: 0.0.0.0 is an unspecified address")]
    [InlineData("http://[::ffff:169.254.169.254]/", "refused: ::ffff:169.254.169.254 is a link-local address")]
    [InlineData("http://[fd00::1]/", "refused: fd00::1 is a private address")]
    public async Task Private_literals_are_refused_without_connecting(string url, string error)
    {
        // Nothing listens at these addresses; a connect attempt could hang until the 30 s timeout (generous bounds: CI is busy).
        var options = Fetchers.Options(allowPrivate: false);
        options.Timeout = TimeSpan.FromSeconds(30);
        var stopwatch = Stopwatch.StartNew();

        var result = await Fetchers.Create(options).FetchAsync(new Uri(url));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(error, result.Error);
        Assert.Null(result.HttpStatus);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/feed", "refused: 127.0.0.2 is a loopback address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address")]
    [InlineData("http://[::1]:{port}/feed", "refused: ::1 is a loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/feed", "refused: ::ffff:127.0.0.1 is a loopback address")]
    public async Task A_redirect_from_an_allowed_host_to_a_private_one_is_refused(string target, string error)
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = target.Replace("{port}", context.Request.Host.Port!.Value.ToString());
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("<rss/>");
        });
        // The guard as shipped, except that this one test server's address counts as public.
        var options = Fetchers.Options(allowPrivate: false);
        var handler = FeedHttpHandler.Create(options, a => a.Equals(IPAddress.Loopback) ? null : AddressPolicy.Classify(a));
        var fetcher = new FeedFetcher(new HttpClient(handler), options, TimeProvider.System);

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/start")), CancellationToken.None);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith(error, result.Error);
        Assert.Equal(1, server.Requests);
    }
}
