using Microsoft.AspNetCore.Http;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class PolitenessTests
{
    [Fact]
    public async Task No_more_than_PerHostConcurrency_requests_reach_one_host_at_once()
    {
        var inFlight = 0;
        var most = 0;
        await using var server = await FeedServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(250);
            Interlocked.Decrement(ref inFlight);
            await context.Response.WriteAsync("<rss/>");
        });
        var options = Fetchers.Options();
        options.PerHostConcurrency = 2;
        var fetcher = Fetchers.Create(options);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => fetcher.FetchAsync(server.Url($"/feed{i}"))));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(2, most);
        Assert.Equal(0, fetcher.ActiveHosts);
    }

    [Fact]
    public async Task Waiting_behind_siblings_on_a_busy_host_is_not_charged_to_the_timeout()
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            await Task.Delay(2000);
            await context.Response.WriteAsync("<rss/>");
        });
        var options = Fetchers.Options();
        options.PerHostConcurrency = 1;
        options.Timeout = TimeSpan.FromSeconds(5);
        var fetcher = Fetchers.Create(options);

        // Three in a row take about 6 s in all, longer than the timeout, yet each one alone is well within it.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => fetcher.FetchAsync(server.Url($"/feed{i}"))));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Gates_for_finished_or_cancelled_hosts_are_dropped()
    {
        var gates = new HostGates(1);
        var held = await gates.EnterAsync("a.example", CancellationToken.None);
        using (await gates.EnterAsync("b.example", CancellationToken.None))
        {
            Assert.Equal(2, gates.Count);
        }

        using var cancel = new CancellationTokenSource();
        var waiting = gates.EnterAsync("A.EXAMPLE", cancel.Token);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gates.Count);

        held.Dispose();
        held.Dispose();
        Assert.Equal(0, gates.Count);
    }

    [Fact]
    public async Task The_user_agent_is_the_configured_one()
    {
        string? userAgent = null;
        await using var server = await FeedServer.StartAsync(context =>
        {
            userAgent = context.Request.Headers.UserAgent;
            return Task.CompletedTask;
        });
        var options = Fetchers.Options();
        options.UserAgent = "NewsBot/9 (+https://bot.example/about)";

        await Fetchers.Create(options).FetchAsync(server.Url("/feed"));

        Assert.Equal(options.UserAgent, userAgent);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
