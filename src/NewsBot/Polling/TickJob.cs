using NewsBot.Feeds;
using NewsBot.Hosting;
using NewsBot.Storage;
using NewsBot.Summaries;
using Quartz;

namespace NewsBot.Polling;

/// <summary>Fired by Quartz every Worker:TickInterval: claims the feeds that are due and refreshes them, a few at a time.</summary>
[DisallowConcurrentExecution]
public sealed class TickJob(
    DbFactory dbs,
    FeedRefresher refresher,
    ArticlePruner pruner,
    WorkerOptions worker,
    FeedsOptions feeds,
    SummariesOptions summaries,
    InstanceName instance,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TickJob> logger) : IJob
{
    public static readonly JobKey Key = new("tick", "polling");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Quartz lets a running job finish at shutdown instead of cancelling it, and the host stops waiting after a few
        // seconds: the tick follows the host's stopping signal itself, so a batch ends promptly and hands its claims back.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var pruned = await pruner.PruneIfDueAsync(ct);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} old articles to tombstones", pruned);
        }
        while (!ct.IsCancellationRequested)
        {
            List<long> due;
            var claimedAt = time.GetUtcNow().UtcDateTime;
            await using (var db = dbs.Create())
            {
                due = await FeedClaims.ClaimDueAsync(db, instance.Value, claimedAt, worker.ClaimTimeout, worker.ClaimBatch, ct);
            }
            // While the batch's claims still have a whole refresh left, renewing them would only add a write per feed.
            var renewAfter = claimedAt + worker.ClaimTimeout - RefreshBudget.Of(feeds, summaries);
            if (due.Count == 0)
            {
                return;
            }
            try
            {
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = worker.FeedConcurrency, CancellationToken = ct }, async (id, token) =>
                {
                    try
                    {
                        if (time.GetUtcNow().UtcDateTime >= renewAfter && !await RenewAsync(id, token))
                        {
                            logger.LogInformation("Feed {FeedId} was taken over by another instance while it waited in this batch; skipping it", id);
                            return;
                        }
                        await refresher.RefreshAsync(id, token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One feed failing never stops the others; its claim expires and it is tried again.
                        logger.LogError(e, "Refreshing feed {FeedId} failed", id);
                    }
                });
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Feeds claimed but not refreshed are due at once for the next instance (or this one after a restart),
                // instead of waiting out Worker:ClaimTimeout.
                await using var db = dbs.Create();
                var released = await FeedClaims.ReleaseAsync(db, instance.Value, due, CancellationToken.None);
                logger.LogInformation("Stopping: handed back {Count} claimed feeds", released);
                return;
            }
            if (due.Count < worker.ClaimBatch)
            {
                return;
            }
        }
    }

    private async Task<bool> RenewAsync(long feedId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await FeedClaims.RenewAsync(db, feedId, instance.Value, time.GetUtcNow().UtcDateTime, worker.ClaimTimeout, ct);
    }
}

/// <summary>This instance's name in feed and outbox claims.</summary>
public sealed record InstanceName(string Value);
