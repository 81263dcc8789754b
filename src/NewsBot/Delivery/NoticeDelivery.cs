using Microsoft.EntityFrameworkCore;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// Sends due notice rows with the guarantees posts have: claimed by one instance (a conditional UPDATE), sent with the
/// row's nonce, marked sent the moment the platform accepted it, retried with backoff on temporary failures, and
/// recorded as failed (with the reason) when it can never go. A notice of a lost channel goes out although the
/// channel is paused: telling its people why is the point of it.
/// </summary>
public sealed class NoticeDelivery(DbFactory dbs, WorkerOptions worker, InstanceName instance, TimeProvider time, ILogger<NoticeDelivery> logger)
{
    public const int MaxAttempts = 8;
    private const int Batch = 50;

    public async Task<bool> DeliverDueAsync(IReadOnlyDictionary<string, IChannelSender> senders, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var platforms = senders.Keys.ToList();
        await using var db = dbs.Create();
        var due = await db.Notices
            .Where(n => n.State == OutboxState.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now)
                && platforms.Contains(n.Channel!.Platform) && (n.Channel.PausedAt == null || n.Kind == NoticeKind.ChannelLost))
            .OrderBy(n => n.Id).Select(n => n.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return false;
        }
        var until = now + worker.ClaimTimeout;
        await db.Notices.Where(n => due.Contains(n.Id) && n.State == OutboxState.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimedBy, instance.Value).SetProperty(n => n.ClaimedUntil, (DateTime?)until), ct);
        var claimed = await db.Notices.Include(n => n.Channel).Where(n => due.Contains(n.Id) && n.ClaimedBy == instance.Value && n.State == OutboxState.Pending)
            .OrderBy(n => n.Id).ToListAsync(ct);
        foreach (var notice in claimed)
        {
            SendOutcome outcome;
            try
            {
                outcome = await senders[notice.Channel!.Platform].SendNoticeAsync(notice.Channel, notice, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = new SendOutcome(SendStatus.Retry, Error: e.Message);
            }
            Record(notice, outcome, time.GetUtcNow().UtcDateTime);
            // Not cancellable: once the platform accepted the notice, recording it must not be skipped by shutdown.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return claimed.Count > 0;
    }

    private void Record(Notice notice, SendOutcome outcome, DateTime now)
    {
        notice.Attempts++;
        notice.ClaimedBy = null;
        notice.ClaimedUntil = null;
        if (outcome.Status == SendStatus.Sent)
        {
            notice.State = OutboxState.Sent;
            notice.SentAt = now;
            notice.PlatformMessageId = outcome.MessageId;
            notice.LastError = null;
            return;
        }
        notice.LastError = outcome.Error ?? outcome.Status.ToString();
        if (outcome.Status is SendStatus.Retry or SendStatus.Moved && notice.Attempts < MaxAttempts)
        {
            notice.NextAttemptAt = now + (outcome.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, notice.Attempts - 1))));
            return;
        }
        logger.LogInformation("{Kind} notice {Id} for channel {Channel} not sent: {Error}", notice.Kind, notice.Id, notice.ChannelId, notice.LastError);
        notice.State = OutboxState.Failed;
    }
}
