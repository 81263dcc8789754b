using Quartz;

namespace NewsBot.Digests;

/// <summary>Fired by a channel's cron trigger (its digest), a one-shot trigger (retry, flush) or the hourly overflow trigger.</summary>
public sealed class DigestJob(DigestRuns runs, DigestScheduler scheduler, TimeProvider time, ILogger<DigestJob> logger) : IJob
{
    public const string ChannelKey = "channel";
    public const string KindKey = "kind";
    public const string Scheduled = "scheduled";
    public const string Once = "once";
    public const string Overflow = "overflow";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var kind = data.GetString(KindKey) ?? Scheduled;
        try
        {
            if (kind == Overflow)
            {
                await runs.SendOverflowAsync(cancellationToken);
                return;
            }
            var channelId = data.GetLong(ChannelKey);
            var result = kind == Once
                ? await runs.SendNowAsync(channelId, cancellationToken)
                : await runs.RunScheduledAsync(channelId, context.ScheduledFireTimeUtc ?? time.GetUtcNow(), cancellationToken);
            if (result == DigestRunResult.RetryLater)
            {
                await scheduler.SendSoonAsync(channelId, TimeSpan.FromMinutes(1), cancellationToken);
            }
            else if (result == DigestRunResult.NoSchedule && kind == Scheduled)
            {
                await scheduler.UnscheduleAsync(channelId, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed digest stays in the outbox; the next run (or the retry) sends it.
            logger.LogError(e, "Digest run ({Kind}) failed", kind);
        }
    }
}
