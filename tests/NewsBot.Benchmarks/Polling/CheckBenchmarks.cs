using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Telemetry;

namespace NewsBot.Benchmarks.Polling;

/// <summary>
/// Where a check that answers 304 spends its time, part by part: the conditional GET over loopback HTTP (the bare
/// handler; the host's client as it was, with IHttpClientFactory's logging handlers and our metrics handler; and as it
/// is, with the metrics handler only), and the
/// reschedule, as it was (one tracked entity and one SaveChanges per feed) and as it is (one set-based UPDATE per 500
/// feeds). Both reschedules include the claim of their batch. Per feed: OperationsPerInvoke is the batch size.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private const int Batch = 500;
    private const string ETag = "\"v1\"";

    private WebApplication? _server;
    private Uri _url = null!;
    private FeedFetcher _bare = null!;
    private FeedFetcher _hostClient = null!;
    private FeedFetcher _hostClientBefore = null!;
    private ServiceProvider? _services;
    private DbFactory _dbs = null!;
    private string _folder = "";
    private FeedCheckRecorder _recorder = null!;
    private readonly FeedsOptions _feeds = new() { AllowPrivateAddresses = true, DefaultInterval = TimeSpan.FromMinutes(10), MinInterval = TimeSpan.FromMinutes(1) };
    private DateTime _now = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private FetchResult _notModified = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/feed.xml", (HttpContext ctx) => ctx.Request.Headers.IfNoneMatch == ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", "application/rss+xml"));
        await _server.StartAsync();
        _url = new Uri(_server.Urls.First().TrimEnd('/') + "/feed.xml");

        // The host's registrations, before ("logged": the factory's default logging handlers, then the metrics handler)
        // and now ("feeds": the metrics handler only), beside the same primary handler with nothing in front of it.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        services.AddMetrics();
        services.AddSingleton<NewsBotMetrics>();
        services.AddTransient<FetchMetricsHandler>();
        services.AddHttpClient("logged", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => FeedHttpHandler.Create(_feeds))
            .AddHttpMessageHandler<FetchMetricsHandler>();
        services.AddHttpClient("feeds", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => FeedHttpHandler.Create(_feeds))
            .RemoveAllLoggers()
            .AddHttpMessageHandler<FetchMetricsHandler>();
        services.AddHttpClient("bare", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => FeedHttpHandler.Create(_feeds))
            .RemoveAllLoggers();
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _hostClient = new FeedFetcher(factory.CreateClient("feeds"), _feeds, TimeProvider.System);
        _hostClientBefore = new FeedFetcher(factory.CreateClient("logged"), _feeds, TimeProvider.System);
        _bare = new FeedFetcher(factory.CreateClient("bare"), _feeds, TimeProvider.System);

        _folder = Path.Combine(Path.GetTempPath(), "newsbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        _dbs = new DbFactory(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "b.db")}" });
        await _dbs.MigrateAsync(default);
        await using (var db = _dbs.Create())
        {
            for (var i = 0; i < Batch; i++)
            {
                db.Feeds.Add(new Feed { Url = $"https://example.com/{i}.xml", ETag = ETag, NextCheckAt = _now, PrimedAt = _now, LastSuccessAt = _now, CreatedAt = _now });
            }
            await db.SaveChangesAsync();
        }
        _recorder = new FeedCheckRecorder(_feeds, TimeProvider.System, NullLogger<FeedCheckRecorder>.Instance);
        _notModified = new FetchResult { Status = FetchStatus.NotModified, FinalUrl = _url, ETag = ETag, HttpStatus = 304 };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "304 over loopback: FeedFetcher on the bare handler")]
    public Task<FetchResult> Fetch_bare() => _bare.FetchAsync(new FetchRequest(_url, ETag, null), default);

    [Benchmark(Description = "304 over loopback, host's client before: factory logging + metrics handlers")]
    public Task<FetchResult> Fetch_host_client_before() => _hostClientBefore.FetchAsync(new FetchRequest(_url, ETag, null), default);

    [Benchmark(Description = "304 over loopback, host's client now: metrics handler only")]
    public Task<FetchResult> Fetch_host_client() => _hostClient.FetchAsync(new FetchRequest(_url, ETag, null), default);

    [Benchmark(OperationsPerInvoke = Batch, Description = "reschedule, before: claim, then per feed a tracked entity and SaveChanges")]
    public async Task Reschedule_tracked()
    {
        var now = NextRound();
        List<long> ids;
        await using (var db = _dbs.Create())
        {
            ids = await FeedClaims.ClaimDueAsync(db, "bench", now, TimeSpan.FromMinutes(5), Batch, default);
        }
        foreach (var id in ids)
        {
            await using var db = _dbs.Create();
            var feed = await db.Feeds.SingleAsync(f => f.Id == id);
            feed.LastCheckedAt = now;
            feed.ClaimedBy = null;
            feed.ClaimedUntil = null;
            _recorder.RecordSuccess(feed, _notModified, null);
            await db.SaveChangesAsync();
        }
        Check(ids.Count);
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "reschedule, now: claim with RETURNING, one set-based UPDATE")]
    public async Task Reschedule_batched()
    {
        var now = NextRound();
        List<ClaimedFeed> claimed;
        await using (var db = _dbs.Create())
        {
            claimed = await FeedClaims.ClaimDueFeedsAsync(db, "bench", now, TimeSpan.FromMinutes(5), Batch, default);
        }
        using var unchanged = new UnchangedFeeds(_dbs, "bench", TimeProvider.System, NullLogger.Instance);
        foreach (var feed in claimed)
        {
            await unchanged.AddAsync(feed.Id, _recorder.NextAfterNotModified(feed, _notModified), now.AddMinutes(5), default);
        }
        await unchanged.FlushAsync(default);
        Check(unchanged.Written);
    }

    /// <summary>Each round claims at a later "now", when every feed is due again (the reschedules set it minutes ahead).</summary>
    private DateTime NextRound()
    {
        _now = _now.AddDays(1);
        return _now;
    }

    private static void Check(int done)
    {
        if (done != Batch)
        {
            throw new InvalidOperationException($"rescheduled {done} of {Batch} feeds");
        }
    }
}
