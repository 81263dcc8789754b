using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Scale;

/// <summary>
/// N RSS feeds on 127.0.0.1 for several bot instances at once. Each request is logged with its time and the caller's
/// User-Agent (each instance sends its own), so a test can tell who polled which feed when. Requests from one agent
/// can be held unanswered, which pins that instance in the middle of a refresh with its claims taken.
/// </summary>
public sealed class ScaleFeedServer : IAsyncDisposable
{
    /// <summary>Items kept in a document, like a real feed's window.</summary>
    private const int Window = 10;

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<FeedItem>[] _items;
    private readonly List<FeedRequest>[] _requests;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _heldAgent;
    private string? _slowAgent;
    private TimeSpan _slowBy;
    private int _held;

    private ScaleFeedServer(WebApplication app, int feeds)
    {
        _app = app;
        _items = Enumerable.Range(0, feeds).Select(_ => new List<FeedItem>()).ToArray();
        _requests = Enumerable.Range(0, feeds).Select(_ => new List<FeedRequest>()).ToArray();
    }

    public string BaseUrl { get; private set; } = "";

    public int Feeds => _items.Length;

    /// <summary>Requests from the held agent that are waiting for an answer that will never come.</summary>
    public int Held => Volatile.Read(ref _held);

    public static async Task<ScaleFeedServer> StartAsync(int feeds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScaleFeedServer(app, feeds);
        app.MapGet("/f/{index:int}.xml", (int index, HttpContext ctx) => server.ServeAsync(index, ctx));
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string UrlOf(int index) => $"{BaseUrl}/f/{index}.xml";

    /// <summary>The ETag of a feed with no items, so a seeded feed starts in step with the server (304 until it changes).</summary>
    public static string ETagOf(int index, int count) => $"\"f{index}-{count}\"";

    public void AddItem(int feed, string id, string title, string body)
    {
        lock (_gate)
        {
            _items[feed].Add(new FeedItem(id, title, body, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>From now on, requests carrying this User-Agent are held until the server is disposed.</summary>
    public void Hold(string agent)
    {
        lock (_gate)
        {
            _heldAgent = agent;
        }
    }

    /// <summary>From now on, requests carrying this User-Agent are answered only after the given delay.</summary>
    public void Slow(string agent, TimeSpan delay)
    {
        lock (_gate)
        {
            (_slowAgent, _slowBy) = (agent, delay);
        }
    }

    /// <summary>Every request made for a feed so far, oldest first.</summary>
    public IReadOnlyList<FeedRequest> RequestsOf(int feed)
    {
        lock (_gate)
        {
            return [.. _requests[feed]];
        }
    }

    private async Task<IResult> ServeAsync(int index, HttpContext ctx)
    {
        if (index < 0 || index >= _items.Length)
        {
            return Results.NotFound();
        }
        var agent = ctx.Request.Headers.UserAgent.ToString();
        FeedItem[] items;
        bool hold;
        var delay = TimeSpan.Zero;
        lock (_gate)
        {
            _requests[index].Add(new FeedRequest(DateTime.UtcNow, agent));
            items = [.. _items[index]];
            hold = agent == _heldAgent;
            delay = agent == _slowAgent ? _slowBy : delay;
        }
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        if (hold)
        {
            Interlocked.Increment(ref _held);
            await _release.Task.WaitAsync(ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var etag = ETagOf(index, items.Length);
        if (ctx.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        ctx.Response.Headers.ETag = etag;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Scale feed {index}</title><link>{BaseUrl}/</link><description>generated</description>");
        foreach (var item in items.Reverse().Take(Window))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<item><guid isPermaLink=\"false\">{SecurityElement.Escape(item.Guid)}</guid><title>{SecurityElement.Escape(item.Title)}</title><link>{BaseUrl}/a/{Uri.EscapeDataString(item.Guid)}</link><pubDate>{item.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate><description>{SecurityElement.Escape(item.Body)}</description></item>");
        }
        sb.Append("</channel></rss>");
        return Results.Text(sb.ToString(), "application/rss+xml; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }

    private sealed record FeedItem(string Guid, string Title, string Body, DateTimeOffset Published);
}

/// <summary>One poll of one feed: when it arrived and which instance (by User-Agent) made it.</summary>
public sealed record FeedRequest(DateTime At, string Agent);
