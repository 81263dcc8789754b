using System.Net;
using System.Net.Sockets;
using System.Text;
using NewsBot.Discord;
using NewsBot.Discord.Cdn;
using NewsBot.Tests.Discord.Fakes;

namespace NewsBot.Tests.Discord;

/// <summary>Downloading user files: only from Discord's CDN or the configured base, within size and time.</summary>
public sealed class AttachmentDownloaderTests : IAsyncLifetime, IDisposable
{
    private FakeDiscordServer _server = null!;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private AttachmentDownloader Downloader(string? baseUrl = null) =>
        new(_http, new DiscordOptions { BotToken = "t", AttachmentBaseUrl = baseUrl ?? _server.AttachmentBaseUrl });

    private static DiscordAttachment From(System.Text.Json.Nodes.JsonObject json) =>
        System.Text.Json.JsonSerializer.Deserialize<DiscordAttachment>(json.ToJsonString(), DiscordJson.Options)!;

    [Theory]
    [InlineData("https://cdn.discordapp.com/attachments/1/2/subs.opml?ex=67&is=66&hm=ab", true)]
    [InlineData("https://media.discordapp.net/attachments/1/2/subs.opml", true)]
    [InlineData("https://CDN.DiscordApp.com/attachments/1/2/subs.opml", true)]
    [InlineData("http://cdn.discordapp.com/attachments/1/2/subs.opml", false)]
    [InlineData("https://cdn.discordapp.com:8443/attachments/subs.opml", false)]
    [InlineData("https://cdn.discordapp.com.evil.example/subs.opml", false)]
    [InlineData("https://user:pw@cdn.discordapp.com/subs.opml", false)]
    [InlineData("https://discord.com/api/v10/subs.opml", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public void Only_Discords_CDN_over_https_is_allowed_without_a_configured_base(string url, bool allowed) =>
        Assert.Equal(allowed, new AttachmentDownloader(_http, new DiscordOptions()).Allowed(url) is not null);

    [Fact]
    public void The_configured_base_allows_its_own_scheme_host_port_and_path_only()
    {
        var downloader = Downloader();
        var root = _server.AttachmentBaseUrl;
        Assert.NotNull(downloader.Allowed(root + "1/a.opml"));
        Assert.Null(downloader.Allowed(root.Replace("/attachments/", "/api/v10/", StringComparison.Ordinal) + "a.opml"));
        Assert.Null(downloader.Allowed(root.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "1/a.opml"));
    }

    [Fact]
    public async Task A_file_on_the_cdn_is_downloaded_without_the_bot_token()
    {
        var content = Encoding.UTF8.GetBytes("<opml version=\"2.0\"><body/></opml>");
        var attachment = From(_server.AddAttachment("subs.opml", content));

        var bytes = await Downloader().DownloadAsync(attachment, 1024, TimeSpan.FromSeconds(10), default);

        Assert.Equal(content, bytes);
        Assert.Equal(1, _server.CdnRequests);
        Assert.Empty(_server.Violations);
    }

    public static TheoryData<string, string, bool> Refusals => new()
    {
        // case, words the one-line reason holds, whether the CDN may have been asked
        { "declared 50 MB", "at most 1 KiB", false },
        { "another host", "is not Discord's CDN", false },
        { "Content-Length over the cap", "at most 1 KiB", true },
        { "longer than declared, no length", "larger than its declared size", true },
        { "not on the CDN", "answered 404", true },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Hostile_attachments_are_refused_with_one_line(string @case, string expected, bool fetched)
    {
        var big = new byte[5000];
        var attachment = @case switch
        {
            "declared 50 MB" => From(_server.AddAttachment("subs.opml", [1], declaredSize: 50_000_000)),
            "another host" => new DiscordAttachment { Filename = "subs.opml", Size = 10, Url = "https://files.example.net/subs.opml" },
            "Content-Length over the cap" => From(_server.AddAttachment("subs.opml", big, declaredSize: 100)),
            "longer than declared, no length" => From(_server.AddAttachment("subs.opml", big, declaredSize: 100, hideLength: true)),
            _ => new DiscordAttachment { Filename = "subs.opml", Size = 10, Url = _server.AttachmentBaseUrl + "999/missing.opml" },
        };

        var e = await Assert.ThrowsAsync<AttachmentRefusedException>(() => Downloader().DownloadAsync(attachment, 1024, TimeSpan.FromSeconds(10), default));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        if (!fetched)
        {
            Assert.Equal(0, _server.CdnRequests);
        }
    }

    [Fact]
    public async Task A_cdn_that_never_answers_ends_at_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var baseUrl = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/attachments/";
        using var accepted = new CancellationTokenSource();
        var hold = silent.AcceptTcpClientAsync(accepted.Token).AsTask();
        var attachment = new DiscordAttachment { Filename = "subs.opml", Size = 10, Url = baseUrl + "1/subs.opml" };

        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<AttachmentRefusedException>(() => Downloader(baseUrl).DownloadAsync(attachment, 1024, TimeSpan.FromMilliseconds(500), default));

        Assert.Contains("took longer than 0.5 s", e.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await accepted.CancelAsync();
        if (hold.IsCompletedSuccessfully)
        {
            (await hold).Dispose();
        }
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        using var redirecting = new TcpListener(IPAddress.Loopback, 0);
        redirecting.Start();
        var baseUrl = $"http://127.0.0.1:{((IPEndPoint)redirecting.LocalEndpoint).Port}/attachments/";
        var serve = Task.Run(async () =>
        {
            using var client = await redirecting.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/meta-data\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        });
        var attachment = new DiscordAttachment { Filename = "subs.opml", Size = 10, Url = baseUrl + "1/subs.opml" };

        var e = await Assert.ThrowsAsync<AttachmentRefusedException>(() => Downloader(baseUrl).DownloadAsync(attachment, 1024, TimeSpan.FromSeconds(10), default));

        Assert.Contains("302", e.Message, StringComparison.Ordinal);
        Assert.Contains("redirects are not followed", e.Message, StringComparison.Ordinal);
        await serve;
    }
}
