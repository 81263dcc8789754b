using System.Diagnostics;
using System.Net;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Tests.Discord.Fakes;

namespace NewsBot.Tests.Discord;

[Collection(NewsBot.Tests.Support.TimingSensitive.Name)]
public sealed class DiscordRateLimitTests : IAsyncLifetime, IDisposable
{
    private FakeDiscordServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private static MessageRequest Post(string nonce) => new() { Content = "post " + nonce, Nonce = nonce, EnforceNonce = true, AllowedMentions = AllowedMentions.None };

    [Fact]
    public async Task A_burst_across_two_buckets_honours_every_429_and_header_and_loses_or_doubles_nothing()
    {
        var client = new DiscordRestClient(_http, _server.CreateOptions());
        _server.SetRouteLimit("POST /channels/{channel_id}/messages", 2, TimeSpan.FromMilliseconds(400));
        _server.RateLimitNext("POST", "/channels/1/messages", 2, retryAfter: 0.3);
        _server.RateLimitNext("POST", "/channels/2/messages", 1, retryAfter: 0.5);

        var sends = new List<Task<DiscordMessage>>();
        foreach (var i in Enumerable.Range(0, 5))
        {
            sends.Add(client.CreateMessageAsync(1, Post($"c1-{i}")));
            sends.Add(client.CreateMessageAsync(2, Post($"c2-{i}")));
        }
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(_server.Violations);
        foreach (var channel in new ulong[] { 1, 2 })
        {
            var nonces = _server.MessagesIn(channel).Select(m => (string?)m["nonce"]).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"c{channel}-{i}"), nonces);
        }
        Assert.Equal(3, _server.Requests.Count(r => r.Status == 429));
        AssertWaitedAfter429("/channels/1/messages", 0.3);
        AssertWaitedAfter429("/channels/2/messages", 0.5);
    }

    private void AssertWaitedAfter429(string path, double seconds)
    {
        var requests = _server.RequestsTo("POST", path);
        var limited = requests.Last(r => r.Status == 429);
        var next = requests.First(r => r.At > limited.At);
        Assert.True(next.At - limited.At >= TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(5),
            $"{path}: retried after {(next.At - limited.At).TotalMilliseconds} ms, retry_after was {seconds * 1000} ms");
    }

    [Fact]
    public async Task A_global_429_holds_every_route_until_it_passes()
    {
        var client = new DiscordRestClient(_http, _server.CreateOptions());
        _server.RateLimitNext("POST", "/channels/10/messages", 1, retryAfter: 0.8, global: true);
        _server.AddChannel(11, 222);

        var blocked = client.CreateMessageAsync(10, Post("g1"));
        // A request sent before the client read the 429 could not have known; start the other one after.
        await FakeDiscordServer.WaitUntilAsync(() => client.IsGloballyBlocked, "the client to read the global 429");
        var other = client.GetChannelAsync(11);
        await Task.WhenAll(blocked, other).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(_server.Violations);
        Assert.Single(_server.MessagesIn(10));
        var limitedAt = _server.Requests.Single(r => r.Status == 429).At;
        Assert.All(_server.Requests.Where(r => r.Status != 429), r => Assert.True(r.At - limitedAt >= TimeSpan.FromMilliseconds(795)));
    }

    [Fact]
    public async Task The_global_limit_paces_requests_across_buckets()
    {
        _server.GlobalLimit = 10;
        var options = _server.CreateOptions();
        options.GlobalRequestsPerSecond = 10;
        var client = new DiscordRestClient(_http, options);
        foreach (var id in Enumerable.Range(1, 15))
        {
            _server.AddChannel((ulong)id, 222);
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, 15).Select(id => client.GetChannelAsync((ulong)id))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(_server.Violations);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"15 requests at 10/s took only {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_429_longer_than_the_allowed_wait_surfaces_instead_of_hanging()
    {
        var options = _server.CreateOptions();
        options.MaxRateLimitWait = TimeSpan.FromSeconds(5);
        var client = new DiscordRestClient(_http, options);
        _server.RateLimitNext("POST", "/channels/20/messages", 1, retryAfter: 3600);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync(20, Post("long"))).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.HttpStatus);
        Assert.Empty(_server.MessagesIn(20));
    }
}
