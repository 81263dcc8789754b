namespace NewsBot.Digests;

/// <summary>At start: re-creates every digest trigger from its row, then sends, once, the digests missed while the bot was down.</summary>
public sealed class DigestStartup(DigestScheduler scheduler, DigestRuns runs, ILogger<DigestStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.SyncAllAsync(stoppingToken);
            var caughtUp = await runs.CatchUpAsync(stoppingToken);
            if (caughtUp > 0)
            {
                logger.LogInformation("Sent {Count} digests missed while the bot was down", caughtUp);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Restoring digest schedules failed");
        }
    }
}
