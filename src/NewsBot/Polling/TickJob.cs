using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Hosting;
using NewsBot.Storage;
using NewsBot.Summaries;
using Quartz;

namespace NewsBot.Polling;

/// <summary>
/// Fired by Quartz every Worker:TickInterval: claims the feeds that are due and checks them, a few at a time. A feed
/// that answers 304 is rescheduled with the others of its batch in one statement (UnchangedFeeds); any other answer
/// goes through the full refresh, one transaction per feed.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TickJob(
    DbFactory dbs,
    FeedFetcher fetcher,
    FeedRefresher refresher,
    FeedCheckRecorder health,
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
            List<ClaimedFeed> due;
            var claimedAt = time.GetUtcNow().UtcDateTime;
            await using (var db = dbs.Create())
            {
                due = await FeedClaims.ClaimDueFeedsAsync(db, instance.Value, claimedAt, worker.ClaimTimeout, worker.ClaimBatch, ct);
            }
            // While the batch's claims still have a whole refresh left, renewing them would only add a write per feed.
            var renewAfter = claimedAt + worker.ClaimTimeout - RefreshBudget.Of(feeds, summaries);
            if (due.Count == 0)
            {
                return;
            }
            using var unchanged = new UnchangedFeeds(dbs, instance.Value, time, logger);
            try
            {
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = worker.FeedConcurrency, CancellationToken = ct }, async (feed, token) =>
                {
                    try
                    {
                        var claimUntil = claimedAt + worker.ClaimTimeout;
                        var renewedAt = time.GetUtcNow().UtcDateTime;
                        if (renewedAt >= renewAfter)
                        {
                            if (!await RenewAsync(feed.Id, renewedAt, token))
                            {
                                logger.LogInformation("Feed {FeedId} was taken over by another instance while it waited in this batch; skipping it", feed.Id);
                                return;
                            }
                            claimUntil = renewedAt + worker.ClaimTimeout;
                        }
                        await CheckAsync(feed, claimUntil, unchanged, token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // One feed failing never stops the others; its claim expires and it is tried again.
                        logger.LogError(e, "Refreshing feed {FeedId} failed", feed.Id);
                    }
                });
                await unchanged.FlushAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The 304s already answered are written; feeds claimed but not checked are due at once for the next
                // instance (or this one after a restart), instead of waiting out Worker:ClaimTimeout.
                await unchanged.FlushAsync(CancellationToken.None);
                await using var db = dbs.Create();
                var released = await FeedClaims.ReleaseAsync(db, instance.Value, due.ConvertAll(f => f.Id), CancellationToken.None);
                logger.LogInformation("Stopping: handed back {Count} claimed feeds", released);
                return;
            }
            if (due.Count < worker.ClaimBatch)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The conditional GET from what the claim returned. A 304 for a primed feed that did not move changes nothing but its
    /// schedule: it joins the batch's reschedule. Anything else (new content, a failure, a permanent redirect, the first
    /// fetch) is refreshed in full with this answer, so the feed is still asked once per check.
    /// </summary>
    private async Task CheckAsync(ClaimedFeed feed, DateTime claimUntil, UnchangedFeeds unchanged, CancellationToken ct)
    {
        if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url))
        {
            await refresher.RefreshAsync(feed.Id, ct);
            return;
        }
        var fetched = await fetcher.FetchAsync(new FetchRequest(url, feed.ETag, feed.LastModified), ct);
        if (fetched.Status == FetchStatus.NotModified && fetched.PermanentUrl is null && feed.Primed)
        {
            await unchanged.AddAsync(feed.Id, health.NextAfterNotModified(feed, fetched), claimUntil, ct);
            return;
        }
        await refresher.RefreshAsync(feed.Id, fetched, ct);
    }

    private async Task<bool> RenewAsync(long feedId, DateTime now, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await FeedClaims.RenewAsync(db, feedId, instance.Value, now, worker.ClaimTimeout, ct);
    }
}

/// <summary>This instance's name in feed and outbox claims.</summary>
public sealed record InstanceName(string Value);
