using Microsoft.AspNetCore.Http;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class RedirectTests
{
    /// <summary>/hop/N/CODE/rest redirects with CODE to /rest...; /feed answers with a feed.</summary>
    private static Task<FeedServer> ChainServerAsync() => FeedServer.StartAsync(async context =>
    {
        var path = context.Request.Path.Value!;
        if (path.StartsWith("/r/", StringComparison.Ordinal))
        {
            // /r/301/302/feed: answer with the first code, pointing at the rest of the path.
            var parts = path["/r/".Length..].Split('/', 2);
            context.Response.StatusCode = int.Parse(parts[0]);
            context.Response.Headers.Location = parts[1].Contains('/') ? "/r/" + parts[1] : "/" + parts[1];
            return;
        }

        await context.Response.WriteAsync("<rss/>");
    });

    [Theory]
    [InlineData("/r/301/feed", true)]
    [InlineData("/r/308/feed", true)]
    [InlineData("/r/301/308/301/feed", true)]
    [InlineData("/r/302/feed", false)]
    [InlineData("/r/307/feed", false)]
    [InlineData("/r/303/feed", false)]
    [InlineData("/r/301/302/feed", false)]
    [InlineData("/r/302/301/feed", false)]
    public async Task Only_an_all_permanent_chain_sets_PermanentUrl(string path, bool permanent)
    {
        await using var server = await ChainServerAsync();

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url(path));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(server.Url("/feed"), result.FinalUrl);
        Assert.Equal(permanent ? server.Url("/feed") : null, result.PermanentUrl);
    }

    [Fact]
    public async Task No_redirect_means_no_PermanentUrl()
    {
        await using var server = await ChainServerAsync();

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(server.Url("/feed"), result.FinalUrl);
        Assert.Null(result.PermanentUrl);
    }

    [Fact]
    public async Task A_redirect_loop_is_named_as_one()
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = context.Request.Path == "/a" ? "/b" : "/a";
            return Task.CompletedTask;
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/a"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"redirect loop: {server.Url("/a")} → {server.Url("/b")} → {server.Url("/a")}", result.Error);
        Assert.Null(result.PermanentUrl);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Too_many_redirects_stop_at_the_limit()
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            // An endless staircase: /1 → /2 → /3 ... never repeats, so only the limit stops it.
            var n = int.Parse(context.Request.Path.Value!.TrimStart('/'));
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/{n + 1}";
            return Task.CompletedTask;
        });
        var options = Fetchers.Options();
        options.MaxRedirects = 3;

        var result = await Fetchers.Create(options).FetchAsync(server.Url("/1"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"too many redirects: more than 3 from {server.Url("/1")} (Feeds:MaxRedirects)", result.Error);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task A_redirect_without_Location_is_a_failure()
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            return Task.CompletedTask;
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(302, result.HttpStatus);
        Assert.Equal($"HTTP 302 redirect from {server.Url("/feed")} has no Location header", result.Error);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "file:///etc/passwd";
            return Task.CompletedTask;
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("refused: file:///etc/passwd is not an http or https URL", result.Error);
    }
}
