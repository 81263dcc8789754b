using System.Net;
using Microsoft.AspNetCore.Http;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

/// <summary>
/// DNS rebinding: a name that first resolves to an address the guard accepts and later to a forbidden one. The guard
/// must judge the address each connection actually uses, not one looked up earlier.
/// </summary>
public sealed class DnsRebindingTests
{
    /// <summary>In these tests 127.0.0.1 (the test server) plays the public address and 127.0.0.2 the private one.</summary>
    private static string? Classify(IPAddress a) => a.Equals(IPAddress.Loopback) ? null : AddressPolicy.Classify(a);

    private sealed class RebindingResolver(params IPAddress[][] answers)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            int call = Interlocked.Increment(ref _calls) - 1;
            return Task.FromResult(answers[Math.Min(call, answers.Length - 1)]);
        }
    }

    [Fact]
    public async Task A_name_that_rebinds_to_loopback_is_refused_on_the_next_connection()
    {
        // Connection: close makes every fetch open a new connection, and so resolve the name again.
        await using var server = await FeedServer.StartAsync(context =>
        {
            context.Response.Headers.Connection = "close";
            return context.Response.WriteAsync("<rss version=\"2.0\"><channel><title>T</title></channel></rss>");
        });
        var resolver = new RebindingResolver([IPAddress.Loopback], [IPAddress.Parse("127.0.0.2")]);
        var options = Fetchers.Options(allowPrivate: false);
        var fetcher = new FeedFetcher(new HttpClient(FeedHttpHandler.Create(options, Classify, resolver.ResolveAsync)), options, TimeProvider.System);
        var url = new Uri($"http://rebind.test:{server.Port}/feed");

        var first = await fetcher.FetchAsync(url);
        var second = await fetcher.FetchAsync(url);

        Assert.Equal(FetchStatus.Ok, first.Status);
        Assert.Equal(FetchStatus.Failed, second.Status);
        Assert.Equal("refused: rebind.test resolves to a loopback address (127.0.0.2)", second.Error);
        Assert.Equal(2, resolver.Calls);
        Assert.Equal(1, server.Requests);
    }
}
