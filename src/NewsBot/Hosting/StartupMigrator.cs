using NewsBot.Storage;

namespace NewsBot.Hosting;

/// <summary>Creates and migrates the database before the pollers and the delivery worker start.</summary>
public sealed class StartupMigrator(DbFactory dbs, ILogger<StartupMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await dbs.MigrateAsync(cancellationToken);
        logger.LogInformation("Storage ready ({Provider})", dbs.Options.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
