using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

public sealed class ConditionalGetTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>Tea</title></channel></rss>";

    [Fact]
    public async Task Second_fetch_with_the_validators_gets_304_and_keeps_them()
    {
        const string etag = "W/\"v1-abc\"";
        const string lastModified = "Tue, 24 Nov 2026 07:00:00 GMT";
        var seen = new List<(string? IfNoneMatch, string? IfModifiedSince, string? UserAgent)>();
        await using var server = await FeedServer.StartAsync(async context =>
        {
            var inm = context.Request.Headers.IfNoneMatch.ToString();
            var ims = context.Request.Headers.IfModifiedSince.ToString();
            lock (seen)
            {
                seen.Add((inm, ims, context.Request.Headers.UserAgent.ToString()));
            }

            if (inm == etag && ims == lastModified)
            {
                context.Response.StatusCode = 304;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = lastModified;
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(Feed);
        });
        var options = Fetchers.Options();
        var fetcher = Fetchers.Create(options);

        var first = await fetcher.FetchAsync(server.Url("/feed"));
        var second = await fetcher.FetchAsync(server.Url("/feed"), first.ETag, first.LastModified);

        Assert.Equal(FetchStatus.Ok, first.Status);
        Assert.Equal(Feed, Encoding.UTF8.GetString(first.Body!));
        Assert.Equal("application/rss+xml; charset=utf-8", first.ContentType);
        Assert.Equal(etag, first.ETag);
        Assert.Equal(lastModified, first.LastModified);
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Equal(304, second.HttpStatus);
        Assert.Null(second.Body);
        Assert.Equal(etag, second.ETag);
        Assert.Equal(lastModified, second.LastModified);
        Assert.Equal(("", "", options.UserAgent), seen[0]);
        Assert.Equal((etag, lastModified, options.UserAgent), seen[1]);
    }

    [Fact]
    public async Task Stored_validators_with_line_breaks_cannot_inject_headers()
    {
        var injected = false;
        await using var server = await FeedServer.StartAsync(async context =>
        {
            injected = context.Request.Headers.ContainsKey("X-Injected") || context.Request.Headers.UserAgent.ToString().Contains("X-Injected");
            await context.Response.WriteAsync(Feed);
        });

        var options = Fetchers.Options();
        options.UserAgent = "NewsBot\r\nX-Injected: 1";

        var result = await Fetchers.Create(options).FetchAsync(server.Url("/feed"), "\"a\"\r\nX-Injected: 1", "x\r\nX-Injected: 1");

        Assert.False(injected);
        Assert.Equal(FetchStatus.Ok, result.Status);
    }

    public static TheoryData<string> Encodings => new() { "gzip", "deflate", "deflate-raw", "br", "gzip, br" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Compressed_bodies_are_decoded(string encoding)
    {
        var plain = Encoding.UTF8.GetBytes(Feed + new string(' ', 5000));
        string? acceptEncoding = null;
        await using var server = await FeedServer.StartAsync(async context =>
        {
            acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
            var body = Compress(plain, encoding);
            context.Response.Headers.ContentEncoding = encoding == "deflate-raw" ? "deflate" : encoding;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(plain, result.Body);
        Assert.Contains("gzip", acceptEncoding);
        Assert.Contains("br", acceptEncoding);
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_clear_failure()
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("this is not gzip at all"));
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("the server sent corrupt gzip data", result.Error);
    }

    [Fact]
    public async Task Unknown_content_encoding_is_named()
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = "zstd";
            await context.Response.WriteAsync("x");
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("unsupported Content-Encoding \"zstd\" (gzip, deflate and br are understood)", result.Error);
    }

    [Fact]
    public async Task Empty_body_is_ok_and_empty()
    {
        await using var server = await FeedServer.StartAsync(_ => Task.CompletedTask);

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Empty(result.Body!);
    }

    [Fact]
    public async Task Http_errors_carry_the_status_and_a_line()
    {
        await using var server = await FeedServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(server.Url("/gone"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(404, result.HttpStatus);
        Assert.Equal($"HTTP 404 Not Found from {server.Url("/gone")}", result.Error);
    }

    [Theory]
    [InlineData("ftp://example.com/feed.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    public async Task Non_http_schemes_are_refused(string url)
    {
        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri(url));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"refused: {new Uri(url)} is not an http or https URL", result.Error);
    }

    [Fact]
    public async Task Caller_cancellation_throws()
    {
        await using var server = await FeedServer.StartAsync(async context => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var fetcher = Fetchers.Create(Fetchers.Options());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("/feed")), cts.Token));
    }

    [Fact]
    public async Task Caller_cancellation_during_the_body_throws()
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync("<rss>"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(50, context.RequestAborted);
            }
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var fetcher = Fetchers.Create(Fetchers.Options());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("/feed")), cts.Token));
    }

    internal static byte[] Compress(byte[] plain, string encoding)
    {
        var data = plain;
        foreach (var step in encoding.Split(',', StringSplitOptions.TrimEntries))
        {
            using var output = new MemoryStream();
            using (Stream compressor = step switch
            {
                "gzip" => new GZipStream(output, CompressionLevel.Fastest),
                "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
                "deflate-raw" => new DeflateStream(output, CompressionLevel.Fastest),
                "br" => new BrotliStream(output, CompressionLevel.Fastest),
                _ => throw new ArgumentException(step),
            })
            {
                compressor.Write(data);
            }

            data = output.ToArray();
        }

        return data;
    }
}
