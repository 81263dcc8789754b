using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsBot.Benchmarks.Load;

/// <summary>
/// N generated RSS feeds on 127.0.0.1 that behave like real publishers: a check that presents the current ETag usually
/// gets 304, and on a fixed share of checks the feed has gained one new item since the previous one.
/// </summary>
internal sealed class LoadFeedServer : IAsyncDisposable
{
    /// <summary>Items kept in each document, like a real feed's window.</summary>
    private const int Window = 10;

    private static readonly string[] Words =
    [
        "government", "market", "officials", "said", "on", "Tuesday", "that", "the", "new", "policy", "would", "affect",
        "millions", "of", "people", "across", "region", "analysts", "expect", "growth", "to", "slow", "in", "coming", "months",
        "council", "vote", "budget", "river", "storm", "energy", "prices", "school", "hospital", "league", "final",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ten", "ras", "vo", "dun", "pel", "sor", "ti", "gar", "ben", "hul", "nex", "qua", "ri", "zed", "mon",
        "fal", "cro", "py", "wen", "jot", "ux", "bri", "del", "sam", "tor", "vin", "ga",
    ];

    private readonly WebApplication _app;
    private readonly int[] _versions;
    private readonly double _changeShare;
    private long _requests;
    private long _notModified;

    private LoadFeedServer(WebApplication app, int feeds, double changeShare)
    {
        _app = app;
        _versions = new int[feeds];
        _changeShare = changeShare;
    }

    public string BaseUrl { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public long NotModified => Interlocked.Read(ref _notModified);

    public static async Task<LoadFeedServer> StartAsync(int feeds, double changeShare)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoadFeedServer(app, feeds, changeShare);
        app.MapGet("/f/{index:int}.xml", (int index, HttpContext ctx) => server.Serve(index, ctx));
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string UrlOf(int index) => $"{BaseUrl}/f/{index}.xml";

    /// <summary>The ETag a feed has before any check, so the seeded database starts in step with the server.</summary>
    public static string InitialETag(int index) => ETagOf(index, 0);

    private static string ETagOf(int index, int version) => $"\"f{index}-{version}\"";

    private IResult Serve(int index, HttpContext ctx)
    {
        Interlocked.Increment(ref _requests);
        if (index < 0 || index >= _versions.Length)
        {
            return Results.NotFound();
        }
        var version = Volatile.Read(ref _versions[index]);
        if (ctx.Request.Headers.IfNoneMatch == ETagOf(index, version))
        {
            if (Random.Shared.NextDouble() >= _changeShare)
            {
                Interlocked.Increment(ref _notModified);
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            // The publisher posted something since this reader's last visit.
            version = Interlocked.Increment(ref _versions[index]);
        }
        ctx.Response.Headers.ETag = ETagOf(index, version);
        return Results.Text(Render(index, version), "application/rss+xml; charset=utf-8");
    }

    private string Render(int index, int version)
    {
        var sb = new StringBuilder(4096);
        sb.Append(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Load feed {index}</title><link>{BaseUrl}/</link><description>generated</description>");
        var now = DateTimeOffset.UtcNow;
        // Version 0 is an empty feed; version v holds items max(1, v-Window+1)..v, newest first.
        for (var v = version; v >= 1 && v > version - Window; v--)
        {
            var published = now.AddMinutes(v - version);
            sb.Append(CultureInfo.InvariantCulture,
                $"<item><guid isPermaLink=\"false\">f{index}-{v}</guid><title>{Sentence(index, v, 8)}</title><link>{BaseUrl}/a/{index}/{v}</link><pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{Body(index, v)}</description></item>");
        }
        sb.Append("</channel></rss>");
        return sb.ToString();
    }

    private static string Body(int index, int version)
    {
        var sb = new StringBuilder();
        for (var s = 0; s < 5; s++)
        {
            sb.Append(Sentence(index * 7 + s, version * 13 + s, 14)).Append(". ");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Words drawn per item from a large synthetic vocabulary: distinct items must not look like one wire story, or the
    /// router's SimHash grouping folds them into a single post and the run measures grouping instead of delivery.
    /// </summary>
    private static string Sentence(int a, int b, int length)
    {
        var random = new Random(HashCode.Combine(a, b));
        var sb = new StringBuilder();
        for (var w = 0; w < length; w++)
        {
            if (w > 0)
            {
                sb.Append(' ');
            }
            var word = random.Next(3) == 0 ? Words[random.Next(Words.Length)] : Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)];
            sb.Append(word);
        }
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
