using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Digests;

/// <summary>
/// Decides whether a digest is owed and sends it, once. A schedule's LastSentAt is claimed with a conditional update
/// before sending, so a Quartz misfire, a catch-up after downtime and a second instance never send the same digest twice.
/// </summary>
public sealed class DigestRuns(DbFactory dbs, DigestSender sender, TimeProvider time, ILogger<DigestRuns> logger)
{
    /// <summary>A scheduled fire (on time, or a misfire Quartz replays): sends unless that fire time was already served.</summary>
    public async Task<DigestRunResult> RunScheduledAsync(long channelId, DateTimeOffset fireTime, CancellationToken ct)
    {
        long? scheduleId;
        await using (var db = dbs.Create())
        {
            scheduleId = await db.DigestSchedules.Where(d => d.ChannelId == channelId).Select(d => (long?)d.Id).SingleOrDefaultAsync(ct);
        }
        if (scheduleId is null)
        {
            return DigestRunResult.NoSchedule;
        }
        if (!await ClaimAsync(scheduleId.Value, fireTime.UtcDateTime, ct))
        {
            return DigestRunResult.Skipped;
        }
        return await sender.SendAsync(channelId, ct);
    }

    /// <summary>
    /// After a start: every channel whose latest scheduled time passed while the bot was down gets that digest now,
    /// once, however many were missed. Returns how many digests went out.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        List<DigestSchedule> schedules;
        await using (var db = dbs.Create())
        {
            schedules = await db.DigestSchedules.AsNoTracking().ToListAsync(ct);
        }
        var now = time.GetUtcNow();
        var sent = 0;
        foreach (var schedule in schedules)
        {
            DateTimeOffset? due;
            try
            {
                due = new DigestSpec(schedule.Cron, schedule.TimeZone).LastAtOrBefore(now);
            }
            catch (FormatException e)
            {
                logger.LogWarning("Digest schedule of channel {Channel} is unreadable: {Error}", schedule.ChannelId, e.Message);
                continue;
            }
            var servedUntil = schedule.LastSentAt ?? schedule.CreatedAt;
            if (due is not { } missed || missed.UtcDateTime <= servedUntil)
            {
                continue;
            }
            logger.LogInformation("Sending the digest channel {Channel} missed at {Time:u}", schedule.ChannelId, missed);
            if (await ClaimAsync(schedule.Id, missed.UtcDateTime, ct) && await sender.SendAsync(schedule.ChannelId, ct) == DigestRunResult.Done)
            {
                sent++;
            }
        }
        return sent;
    }

    /// <summary>Sends what waits now, whatever the schedule (after /digest off, a retry, the hourly overflow run).</summary>
    public Task<DigestRunResult> SendNowAsync(long channelId, CancellationToken ct) => sender.SendAsync(channelId, ct);

    /// <summary>Channels holding digest rows but with no schedule (over their hourly quota): their overflow goes out hourly.</summary>
    public async Task<int> SendOverflowAsync(CancellationToken ct)
    {
        List<long> channels;
        await using (var db = dbs.Create())
        {
            channels = await db.Outbox.Where(o => o.State == OutboxState.Digest && !db.DigestSchedules.Any(d => d.ChannelId == o.ChannelId))
                .Select(o => o.ChannelId).Distinct().ToListAsync(ct);
        }
        var sent = 0;
        foreach (var channel in channels)
        {
            if (await sender.SendAsync(channel, ct) == DigestRunResult.Done)
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> ClaimAsync(long scheduleId, DateTime fireTime, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        var claimed = await db.DigestSchedules
            .Where(d => d.Id == scheduleId && (d.LastSentAt == null || d.LastSentAt < fireTime))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastSentAt, now > fireTime ? now : fireTime), ct);
        return claimed == 1;
    }
}
