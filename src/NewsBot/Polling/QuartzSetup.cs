using NewsBot.Hosting;
using NewsBot.Storage;
using Npgsql;
using Quartz;

namespace NewsBot.Polling;

/// <summary>
/// Quartz for one instance (SQLite: everything in memory) or for a cluster (PostgreSQL). In a cluster the default
/// scheduler keeps its jobs and triggers in the qrtz_ tables with clustering on, so a digest trigger fires on exactly
/// one instance and moves to a survivor when its instance dies. The polling tick must fire on every instance (each
/// claims its own share of due feeds with SKIP LOCKED), so there it runs in a second, in-memory scheduler: in the
/// clustered store its [DisallowConcurrentExecution] would let only one instance poll at a time.
/// </summary>
public static class QuartzSetup
{
    /// <summary>The in-memory scheduler that carries the polling tick when the default scheduler is clustered.</summary>
    public const string LocalSuffix = ".Local";


    /// <summary>The Quartz schema script, shipped next to the binary.</summary>
    public static string SchemaScriptPath => Path.Combine(AppContext.BaseDirectory, "config", "quartz_postgres.sql");

    public static IServiceCollection AddNewsBotQuartz(this IServiceCollection services, StorageOptions storage, WorkerOptions worker, InstanceName instance)
    {
        if (storage.Provider != StorageProvider.Postgres)
        {
            services.AddQuartz(q => AddTick(q, worker));
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            return services;
        }

        services.AddSingleton(new QuartzSchemaInstaller(storage.ConnectionString));
        services.AddHostedService(sp => sp.GetRequiredService<QuartzSchemaInstaller>());
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = worker.SchedulerName;
                s.InstanceId = instance.Value;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(storage.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    // A dead instance's digest triggers are recovered after about three missed check-ins.
                    c.CheckinInterval = TimeSpan.FromSeconds(5);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                });
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        var local = worker.SchedulerName + LocalSuffix;
        services.AddQuartz(local, q =>
        {
            q.ConfigureScheduler(s => s.InstanceId = instance.Value);
            AddTick(q, worker);
        });
        services.AddQuartzHostedService(local, o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void AddTick(IQuartzBuilder q, WorkerOptions worker)
    {
        q.AddJob<TickJob>(j => j.WithIdentity(TickJob.Key).StoreDurably());
        q.AddTrigger(t => t.ForJob(TickJob.Key).WithIdentity("tick", "polling").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(worker.TickInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}

/// <summary>Applies config/quartz_postgres.sql (idempotent) before the clustered scheduler starts; hosted services start in order.</summary>
public sealed class QuartzSchemaInstaller(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = QuartzSetup.SchemaScriptPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Quartz schema script missing: {path} (it ships in config/ next to the binary)");
        }
        var sql = await File.ReadAllTextAsync(path, cancellationToken);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using (var cmd = new NpgsqlCommand(sql, conn, tx))
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
