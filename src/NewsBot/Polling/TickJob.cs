using NewsBot.Hosting;
using NewsBot.Storage;
using Quartz;

namespace NewsBot.Polling;

/// <summary>Fired by Quartz every Worker:TickInterval: claims the feeds that are due and refreshes them, a few at a time.</summary>
[DisallowConcurrentExecution]
public sealed class TickJob(DbFactory dbs, FeedRefresher refresher, ArticlePruner pruner, WorkerOptions worker, InstanceName instance, TimeProvider time, ILogger<TickJob> logger) : IJob
{
    public static readonly JobKey Key = new("tick", "polling");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var pruned = await pruner.PruneIfDueAsync(cancellationToken);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} old articles to tombstones", pruned);
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            List<long> due;
            await using (var db = dbs.Create())
            {
                due = await FeedClaims.ClaimDueAsync(db, instance.Value, time.GetUtcNow().UtcDateTime, worker.ClaimTimeout, worker.ClaimBatch, cancellationToken);
            }
            if (due.Count == 0)
            {
                return;
            }
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = worker.FeedConcurrency, CancellationToken = cancellationToken }, async (id, ct) =>
            {
                try
                {
                    await refresher.RefreshAsync(id, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One feed failing never stops the others; its claim expires and it is tried again.
                    logger.LogError(e, "Refreshing feed {FeedId} failed", id);
                }
            });
            if (due.Count < worker.ClaimBatch)
            {
                return;
            }
        }
    }
}

/// <summary>This instance's name in feed and outbox claims.</summary>
public sealed record InstanceName(string Value);
