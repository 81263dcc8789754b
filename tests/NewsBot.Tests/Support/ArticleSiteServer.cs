using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Support;

/// <summary>
/// A news site on a loopback address: a teaser RSS feed at /feed.xml whose items link to /pages/{slug}, and the pages,
/// each served as a test sets it (HTML in some charset, 404, a server that never answers, 20 MB, a redirect).
/// </summary>
public sealed class ArticleSiteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(string Slug, string Title, string Teaser, DateTimeOffset Published)> _items = [];
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _pages = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private ArticleSiteServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string FeedUrl => BaseUrl + "/feed.xml";

    public static async Task<ArticleSiteServer> StartAsync(IPAddress? address = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(address ?? IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ArticleSiteServer(app);
        app.MapGet("/feed.xml", server.Feed);
        app.MapGet("/pages/{slug}", async (string slug, HttpContext ctx) =>
        {
            server._hits.AddOrUpdate(slug, 1, (_, n) => n + 1);
            if (server._pages.TryGetValue(slug, out var serve))
            {
                await serve(ctx);
            }
            else
            {
                ctx.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string PageUrl(string slug) => $"{BaseUrl}/pages/{slug}";

    public int Hits(string slug) => _hits.GetValueOrDefault(slug);

    public void AddItem(string slug, string title, string teaser)
    {
        lock (_gate)
        {
            _items.Insert(0, (slug, title, teaser, DateTimeOffset.UtcNow));
        }
    }

    public void ServeHtml(string slug, byte[] body, string contentType = "text/html; charset=utf-8")
        => _pages[slug] = async ctx =>
        {
            ctx.Response.ContentType = contentType;
            await ctx.Response.Body.WriteAsync(body);
        };

    /// <summary>A file that only a request naming <paramref name="referer"/> as its Referer gets (hotlink protection); others get 403.</summary>
    public void ServeHotlinkProtected(string slug, byte[] body, string contentType, string referer)
        => _pages[slug] = async ctx =>
        {
            if (ctx.Request.Headers.Referer.ToString() != referer)
            {
                ctx.Response.StatusCode = 403;
                return;
            }
            ctx.Response.ContentType = contentType;
            await ctx.Response.Body.WriteAsync(body);
        };

    public void ServeHang(string slug) => _pages[slug] = ctx => Task.Delay(Timeout.Infinite, ctx.RequestAborted);

    public void ServeHuge(string slug, long bytes) => _pages[slug] = async ctx =>
    {
        ctx.Response.ContentType = "text/html; charset=utf-8";
        var chunk = Encoding.ASCII.GetBytes("<p>" + new string('x', 8180) + "</p>\n");
        for (long sent = 0; sent < bytes && !ctx.RequestAborted.IsCancellationRequested; sent += chunk.Length)
        {
            await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
        }
    };

    public void ServeRedirect(string slug, string location) => _pages[slug] = ctx =>
    {
        ctx.Response.StatusCode = 302;
        ctx.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    public void ServeStatus(string slug, int status) => _pages[slug] = ctx =>
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    private IResult Feed()
    {
        List<(string Slug, string Title, string Teaser, DateTimeOffset Published)> items;
        lock (_gate)
        {
            items = [.. _items];
        }
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Teaser Times</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<link>{BaseUrl}/</link><description>headlines only</description>");
        foreach (var (slug, title, teaser, published) in items)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<item><guid isPermaLink=\"false\">{slug}</guid><title>{SecurityElement.Escape(title)}</title><link>{PageUrl(slug)}</link><pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{SecurityElement.Escape(teaser)}</description></item>");
        }
        sb.Append("</channel></rss>");
        return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
