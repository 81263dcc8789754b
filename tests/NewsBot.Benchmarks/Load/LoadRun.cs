using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Hosting;
using NewsBot.Storage;
using Npgsql;

namespace NewsBot.Benchmarks.Load;

/// <summary>
/// `load [--feeds N] [--minutes M] [--interval hh:mm:ss] [--provider sqlite|postgres] [--instances 1|2] [--channels C]`: runs the real
/// host against N generated feeds and prints feed checks/s, articles/s, CPU and peak memory for the configuration.
/// </summary>
public static class LoadRun
{
    /// <summary>Share of conditional checks on which the feed has a new item (the rest answer 304).</summary>
    private const double ChangeShare = 0.15;

    public static async Task<int> RunAsync(string[] args)
    {
        LoadSettings settings;
        try
        {
            settings = LoadSettings.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"load: {e.Message}");
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await MeasureAsync(settings, stop.Token);
            return 0;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    private static async Task MeasureAsync(LoadSettings s, CancellationToken ct)
    {
        await using var server = await LoadFeedServer.StartAsync(s.Feeds, ChangeShare);
        var (connection, cleanup) = await CreateDatabaseAsync(s, ct);
        try
        {
            var posts = new PostCounter();
            var scheduler = "NewsBot-load-" + Guid.NewGuid().ToString("N")[..8];
            var hosts = new List<WebApplication>();
            for (var i = 0; i < s.Instances; i++)
            {
                hosts.Add(Build(s, connection, scheduler, $"load-{i}", posts));
            }
            try
            {
                await LoadSeeder.SeedAsync(hosts[0].Services.GetRequiredService<DbFactory>(), server, s.Feeds, s.Channels, s.Interval, ct);

                var process = Process.GetCurrentProcess();
                process.Refresh();
                var cpuStart = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                foreach (var host in hosts)
                {
                    await host.StartAsync(ct);
                }
                long peak = 0;
                var deadline = TimeSpan.FromMinutes(s.Minutes);
                while (wall.Elapsed < deadline)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                }
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuStart;
                var elapsed = wall.Elapsed;
                var requests = server.Requests;
                var notModified = server.NotModified;
                var articles = posts.Posts;
                var (overdue, stored, backlog) = await CountAtEndAsync(hosts[0].Services.GetRequiredService<DbFactory>(), ct);
                peak = Math.Max(peak, process.PeakWorkingSet64);
                // Printed before teardown: stopping a host with a full tick in flight takes seconds and may log errors.
                var result = new LoadResult(s, elapsed, requests, notModified, stored, articles, backlog, cpu, peak, overdue);
                Console.WriteLine(LoadResult.Header);
                Console.WriteLine(result.Line);
            }
            finally
            {
                foreach (var host in hosts)
                {
                    await host.StopAsync(CancellationToken.None);
                    await host.DisposeAsync();
                }
            }
        }
        finally
        {
            await cleanup();
        }
    }

    /// <summary>
    /// Feeds due more than a few ticks ago (non-zero: polling could not keep up), articles stored during the run, and
    /// posts still waiting in the outbox (non-zero: delivery could not keep up).
    /// </summary>
    private static async Task<(int Overdue, int Stored, int Backlog)> CountAtEndAsync(DbFactory dbs, CancellationToken ct)
    {
        var late = DateTime.UtcNow - TimeSpan.FromSeconds(5);
        await using var db = dbs.Create();
        var overdue = await db.Feeds.CountAsync(f => f.NextCheckAt < late, ct);
        var stored = await db.Articles.CountAsync(ct);
        var backlog = await db.Outbox.CountAsync(o => o.State == OutboxState.Pending, ct);
        return (overdue, stored, backlog);
    }

    private static WebApplication Build(LoadSettings s, string connection, string scheduler, string instance, PostCounter posts)
    {
        var interval = s.Interval.ToString("c", CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = s.Provider == StorageProvider.Postgres ? "Postgres" : "Sqlite",
            ["Storage:ConnectionString"] = connection,
            ["Feeds:DefaultInterval"] = interval,
            ["Feeds:MinInterval"] = interval,
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Worker:TickInterval"] = "00:00:01",
            ["Worker:FeedConcurrency"] = s.Concurrency.ToString(CultureInfo.InvariantCulture),
            // Every generated feed lives on one loopback host; a real catalog spans thousands, so the per-host politeness
            // limit (2 by default) would measure that limit instead of the bot.
            ["Feeds:PerHostConcurrency"] = s.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Worker:ClaimBatch"] = "1000",
            ["Worker:SchedulerName"] = scheduler,
            ["Worker:InstanceId"] = instance,
            ["Catalog:Path"] = "",
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Console:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = NewsBotApp.Build([], new HostOverrides { Settings = settings, Stdout = posts }, out var error);
        return app ?? throw new InvalidOperationException($"configuration error: {error}");
    }

    /// <summary>A fresh database: a temporary SQLite file, or a new database on the NEWSBOT_TEST_POSTGRES server.</summary>
    private static async Task<(string Connection, Func<Task> Cleanup)> CreateDatabaseAsync(LoadSettings s, CancellationToken ct)
    {
        if (s.Provider == StorageProvider.Sqlite)
        {
            var dir = Path.Combine(Path.GetTempPath(), "newsbot-load-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            return ($"Data Source={Path.Combine(dir, "load.db")}", () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException e)
                {
                    // A refresh abandoned at shutdown may still hold the WAL files; a leftover temp folder is harmless.
                    Console.Error.WriteLine($"load: could not delete {dir}: {e.Message}");
                }
                return Task.CompletedTask;
            }
            );
        }
        var server = Environment.GetEnvironmentVariable("NEWSBOT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("--provider postgres needs NEWSBOT_TEST_POSTGRES (source .ci/postgres.sh)");
        }
        var name = "newsbot_load_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return (connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        );
    }
}
