using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NewsBot.Feeds.Fetching;
using Xunit.Abstractions;

namespace NewsBot.Tests.Fetching;

public sealed class HostileServerTests(ITestOutputHelper output)
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    /// <summary>
    /// Streams up to 100 MB in 64 KiB chunks straight onto a socket and counts what got written before the client hung up
    /// (a raw socket, because Kestrel quietly swallows writes after an abort and would count them as sent).
    /// </summary>
    private static async Task<(FetchResult Result, long Sent, TimeSpan Elapsed)> FetchHugeAsync(bool announceLength)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            long sent = 0;
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            var length = announceLength ? $"Content-Length: {HundredMegabytes}" : "Connection: close";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\n{length}\r\n\r\n"));
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                while (sent < HundredMegabytes)
                {
                    await stream.WriteAsync(chunk);
                    sent += chunk.Length;
                }
            }
            catch (IOException)
            {
                // The client hung up, which is the point.
            }

            return sent;
        });
        var stopwatch = Stopwatch.StartNew();
        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri($"http://127.0.0.1:{port}/huge"));
        stopwatch.Stop();
        return (result, await serve, stopwatch.Elapsed);
    }

    [Fact]
    public async Task A_100_MB_stream_stops_at_the_cap()
    {
        var (result, sent, elapsed) = await FetchHugeAsync(announceLength: false);
        output.WriteLine($"server wrote {sent} bytes before the client hung up; {elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("too large: the feed is over the 10 MiB limit (Feeds:MaxBytes)", result.Error);
        Assert.True(sent < HundredMegabytes / 2, $"the server got to send {sent} bytes");
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }

    [Fact]
    public async Task A_100_MB_announced_length_is_refused_before_reading()
    {
        var (result, sent, elapsed) = await FetchHugeAsync(announceLength: true);
        output.WriteLine($"server wrote {sent} bytes before the client hung up; {elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("too large: the server announces 100 MiB, over the 10 MiB limit (Feeds:MaxBytes)", result.Error);
        Assert.True(sent < HundredMegabytes / 2, $"the server got to send {sent} bytes");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task A_compression_bomb_stops_at_the_cap(string encoding)
    {
        // 64 MiB of zeros squeezes to a few tens of KiB: small on the wire, huge in memory.
        var bomb = ConditionalGetTests.Compress(new byte[64 * 1024 * 1024], encoding);
        await using var server = await FeedServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = encoding;
            context.Response.ContentLength = bomb.Length;
            await context.Response.Body.WriteAsync(bomb);
        });
        var options = Fetchers.Options();
        options.MaxBytes = 1024 * 1024;

        var result = await Fetchers.Create(options).FetchAsync(server.Url("/bomb"));

        Assert.True(bomb.Length < options.MaxBytes);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"too large: the feed decompresses ({encoding}) to over the 1 MiB limit (Feeds:MaxBytes)", result.Error);
    }

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_times_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        var acceptLoop = Task.Run(async () =>
        {
            // Accept and hold the connection open without a byte in reply.
            accepted.Add(await listener.AcceptTcpClientAsync());
        });
        var options = Fetchers.Options();
        options.Timeout = TimeSpan.FromSeconds(1);
        var stopwatch = Stopwatch.StartNew();

        var result = await Fetchers.Create(options).FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("timed out: 127.0.0.1 did not send the feed within 1 s (Feeds:Timeout)", result.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        await acceptLoop;
        accepted.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_trickling_server_times_out()
    {
        await using var server = await FeedServer.StartAsync(async context =>
        {
            try
            {
                // One byte every 100 ms: always something arriving, never the end.
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync("a"u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var options = Fetchers.Options();
        options.Timeout = TimeSpan.FromSeconds(1);
        var stopwatch = Stopwatch.StartNew();

        var result = await Fetchers.Create(options).FetchAsync(server.Url("/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("timed out: 127.0.0.1 did not send the feed within 1 s", result.Error);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task A_body_cut_short_is_a_clear_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>"u8.ToArray());
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));
        await serve;

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("127.0.0.1 closed the connection before the response was complete", result.Error);
    }

    [Fact]
    public async Task Endless_headers_are_a_clear_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            try
            {
                await stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray());
                for (var i = 0; i < 10_000; i++)
                {
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"X-Filler-{i}: {new string('x', 100)}\r\n"));
                }
            }
            catch (IOException)
            {
                // The client gave up on the headers, as it should.
            }
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));
        await serve;

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("127.0.0.1 sent oversized response headers", result.Error);
    }

    [Fact]
    public async Task Garbage_instead_of_http_is_a_clear_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            await stream.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n\r\n"u8.ToArray());
        });

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));
        await serve;

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("127.0.0.1 sent a malformed HTTP response", result.Error);
    }

    [Fact]
    public async Task Nothing_listening_is_a_clear_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Fetchers.Create(Fetchers.Options()).FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"cannot connect to 127.0.0.1 port {port}: Connection refused", result.Error);
    }
}
