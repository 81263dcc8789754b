using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 serving RSS 2.0 documents whose items a test adds as it goes.</summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(string Guid, string Title, string Body, DateTimeOffset Published)>> _feeds = [];
    private int _requests;

    private LoopbackFeedServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackFeedServer(app);
        app.MapGet("/{name}.xml", (string name, HttpContext ctx) => server.Serve(name, ctx));
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string UrlOf(string name) => $"{BaseUrl}/{name}.xml";

    public void AddItem(string feed, string id, string title, string body, DateTimeOffset? published = null)
    {
        lock (_gate)
        {
            if (!_feeds.TryGetValue(feed, out var items))
            {
                _feeds[feed] = items = [];
            }
            items.Insert(0, (id, title, body, published ?? DateTimeOffset.UtcNow));
        }
    }

    private IResult Serve(string name, HttpContext ctx)
    {
        Interlocked.Increment(ref _requests);
        List<(string Guid, string Title, string Body, DateTimeOffset Published)> items;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(name, out var list))
            {
                return Results.NotFound();
            }
            items = [.. list];
        }
        var etag = $"\"{name}-{items.Count}\"";
        if (ctx.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(304);
        }
        ctx.Response.Headers.ETag = etag;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed {name}</title><link>{BaseUrl}/</link><description>test feed</description>");
        foreach (var (guid, title, body, published) in items)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<item><guid isPermaLink=\"false\">{SecurityElement.Escape(guid)}</guid><title>{SecurityElement.Escape(title)}</title><link>{BaseUrl}/{name}/{Uri.EscapeDataString(guid)}</link><pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{SecurityElement.Escape(body)}</description></item>");
        }
        sb.Append("</channel></rss>");
        return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
