using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using Quartz;


namespace NewsBot.Digests;

/// <summary>
/// Keeps one Quartz cron trigger per digest schedule row, keyed by channel id, in the channel's time zone. Rows are the
/// truth: at start every trigger is re-created from them (idempotent, whether the Quartz store is in memory or shared).
/// </summary>
public sealed class DigestScheduler(ISchedulerFactory factory, DbFactory dbs, TimeProvider time, ILogger<DigestScheduler> logger)
{
    public static readonly JobKey JobKey = new("digest", "digests");
    public const string Group = "digests";
    private static readonly TriggerKey OverflowKey = new("overflow", "digests-overflow");

    public static TriggerKey KeyFor(long channelId) => new($"channel-{channelId}", Group);

    public async Task SyncAllAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await EnsureJobAsync(scheduler, ct);
        List<DigestSchedule> rows;
        await using (var db = dbs.Create())
        {
            rows = await db.DigestSchedules.AsNoTracking().ToListAsync(ct);
        }
        var count = 0;
        foreach (var row in rows)
        {
            try
            {
                await ScheduleAsync(row.ChannelId, new DigestSpec(row.Cron, row.TimeZone), ct);
                count++;
            }
            catch (FormatException e)
            {
                logger.LogWarning("Digest schedule of channel {Channel} is unreadable: {Error}", row.ChannelId, e.Message);
            }
        }
        // Triggers whose row is gone (a channel removed while the bot was down) unschedule themselves when they fire.
        await scheduler.ScheduleTrigger(TriggerBuilder.Create().WithIdentity(OverflowKey).ForJob(JobKey)
            .UsingJobData(DigestJob.KindKey, DigestJob.Overflow)
            .StartAt(time.GetUtcNow().AddHours(1))
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build(), TriggerConflict.Keep, ct);
        logger.LogInformation("{Count} digest schedules active", count);
    }

    public async Task ScheduleAsync(long channelId, DigestSpec spec, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await EnsureJobAsync(scheduler, ct);
        var key = KeyFor(channelId);
        var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(JobKey)
            .UsingJobData(DigestJob.ChannelKey, channelId)
            .UsingJobData(DigestJob.KindKey, DigestJob.Scheduled)
            // A fire missed while a (clustered) scheduler was down runs once when it is back; LastSentAt stops repeats.
            .WithSchedule(CronScheduleBuilder.Create(spec.Cron).InTimeZone(spec.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }

    public async Task UnscheduleAsync(long channelId, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.UnscheduleJob(KeyFor(channelId), ct);
    }

    /// <summary>A one-shot run: a retry after a rate limit, or the last digest after /digest off.</summary>
    public async Task SendSoonAsync(long channelId, TimeSpan delay, CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        await EnsureJobAsync(scheduler, ct);
        var key = new TriggerKey($"once-{channelId}", "digests-once");
        var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(JobKey)
            .UsingJobData(DigestJob.ChannelKey, channelId)
            .UsingJobData(DigestJob.KindKey, DigestJob.Once)
            .StartAt(time.GetUtcNow() + delay)
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }

    private static async Task EnsureJobAsync(IScheduler scheduler, CancellationToken ct)
    {
        if (!await scheduler.Exists(JobKey, ct))
        {
            await scheduler.AddJob(JobBuilder.Create<DigestJob>().WithIdentity(JobKey).StoreDurably().Build(), AddJobOptions.Replacing, ct);
        }
    }
}
