using Microsoft.EntityFrameworkCore;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// Claims due outbox rows, renders and sends them through the channel's platform, and marks each sent the moment
/// the platform accepted it. Channels are served in parallel; within a channel, strictly in order.
/// </summary>
public sealed class DeliveryWorker(
    DbFactory dbs,
    IEnumerable<IChannelSender> senders,
    DeliverySignal signal,
    MergedSourceEdits edits,
    NoticeDelivery notices,
    WorkerOptions worker,
    InstanceName instance,
    TimeProvider time,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int Batch = 100;
    private const int MaxChannelsAtOnce = 8;
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Platform);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Delivery round failed; retrying");
            }
            if (!worked)
            {
                await signal.WaitAsync(worker.DeliveryPollInterval, time, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Rows this instance claimed but never sent go back at once, for whichever instance starts next.
        await using var db = dbs.Create();
        await db.Outbox.Where(o => o.ClaimedBy == instance.Value && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>One round: returns true when it sent or tried anything.</summary>
    public async Task<bool> DeliverDueAsync(CancellationToken ct)
    {
        List<long> ids;
        var claimedAt = time.GetUtcNow().UtcDateTime;
        await using (var db = dbs.Create())
        {
            ids = await OutboxClaims.ClaimDueAsync(db, instance.Value, _senders.Keys, claimedAt, worker.ClaimTimeout, Batch, ct);
        }
        // Nobody takes a claim over before it expires: while half of it is left, renewing before each send would only
        // add a write per post. Past that (a slow platform, a long backlog) every row is renewed just before it is sent.
        var renewAfter = claimedAt + worker.ClaimTimeout / 2;
        if (ids.Count == 0)
        {
            var edited = await edits.EditDueAsync(_senders, ct);
            return await notices.DeliverDueAsync(_senders, ct) || edited;
        }

        List<(long Id, long ChannelId)> rows;
        await using (var db = dbs.Create())
        {
            rows = await db.Outbox.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).Select(o => new ValueTuple<long, long>(o.Id, o.ChannelId)).ToListAsync(ct);
        }
        var byChannel = rows.GroupBy(r => r.ChannelId).Select(g => g.Select(r => r.Id).ToList()).ToList();
        await Parallel.ForEachAsync(byChannel, new ParallelOptions { MaxDegreeOfParallelism = MaxChannelsAtOnce, CancellationToken = ct },
            async (entryIds, token) => await DeliverChannelAsync(entryIds, renewAfter, token));
        await edits.EditDueAsync(_senders, ct);
        await notices.DeliverDueAsync(_senders, ct);
        return true;
    }

    private async Task DeliverChannelAsync(List<long> entryIds, DateTime renewAfter, CancellationToken ct)
    {
        foreach (var id in entryIds)
        {
            if (!await DeliverOneAsync(id, renewAfter, ct))
            {
                await ReleaseAsync(entryIds.SkipWhile(x => x != id).Skip(1).ToList(), ct);
                return;
            }
        }
    }

    /// <summary>Sends one row; false when the channel must wait (backoff, paused) so later rows keep their order.</summary>
    private async Task<bool> DeliverOneAsync(long id, DateTime renewAfter, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var entry = await db.Outbox.Include(o => o.Channel).Include(o => o.Article).ThenInclude(a => a!.Feed).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (entry is null || entry.State != OutboxState.Pending)
        {
            return true;
        }
        var sendingAt = time.GetUtcNow().UtcDateTime;
        if (sendingAt >= renewAfter && !await OutboxClaims.RenewAsync(db, id, instance.Value, sendingAt, worker.ClaimTimeout, ct))
        {
            logger.LogInformation("Outbox row {Id} was taken over by another instance after its claim expired; leaving its channel to it", id);
            return false;
        }
        var channel = entry.Channel!;
        var sources = await StorySources.OfAsync(db, entry.Id, entry.Article!.FeedId, ct);
        var display = await PostDisplays.ForAsync(db, channel, entry.Article!.FeedId, entry.Topic, ct);
        var post = PostFactory.From(entry.Article!, sources.Names, entry, channel.SummaryLanguage, display);
        var sender = _senders[channel.Platform];

        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(channel, post, entry.Nonce, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = new SendOutcome(SendStatus.Retry, Error: e.Message);
        }

        var now = time.GetUtcNow().UtcDateTime;
        entry.Attempts++;
        entry.ClaimedBy = null;
        entry.ClaimedUntil = null;
        var keepGoing = true;
        switch (outcome.Status)
        {
            case SendStatus.Sent:
                entry.State = OutboxState.Sent;
                entry.SentAt = now;
                entry.PlatformMessageId = outcome.MessageId;
                entry.LastError = null;
                // The sources the post listed are shown; a merge that lands after this is added by an edit.
                foreach (var merged in await db.Outbox.Where(o => sources.RowIds.Contains(o.Id) && o.SentAt == null).ToListAsync(CancellationToken.None))
                {
                    merged.SentAt = now;
                }
                break;
            case SendStatus.Moved when outcome.NewExternalId is { } newId:
                logger.LogInformation("{Platform} chat {Old} moved to {New}", channel.Platform, channel.ExternalId, newId);
                await MoveChannelAsync(db, channel, newId, ct);
                entry.NextAttemptAt = now;
                keepGoing = false;
                break;
            case SendStatus.ChannelGone:
                logger.LogWarning("{Platform} channel {Channel} paused: {Error}", channel.Platform, channel.ExternalId, outcome.Error);
                LostChannel.Pause(db, channel, outcome.Error, now);
                entry.LastError = outcome.Error;
                keepGoing = false;
                break;
            case SendStatus.Rejected:
                entry.State = OutboxState.Failed;
                entry.LastError = outcome.Error;
                break;
            default:
                entry.LastError = outcome.Error;
                entry.NextAttemptAt = now + (outcome.RetryAfter ?? Backoff(entry.Attempts));
                keepGoing = false;
                break;
        }
        // Not cancellable: once the platform accepted the post, recording it must not be skipped by shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        return keepGoing;
    }

    /// <summary>A destination that moved (Telegram group → supergroup) keeps its subscriptions and pending posts.</summary>
    private static async Task MoveChannelAsync(NewsBotDb db, ChatChannel channel, string newExternalId, CancellationToken ct)
    {
        var existing = await db.Channels.SingleOrDefaultAsync(c => c.Platform == channel.Platform && c.ExternalId == newExternalId && c.ThreadId == channel.ThreadId, ct);
        if (existing is null)
        {
            channel.ExternalId = newExternalId;
        }
        else
        {
            // The new id already has a row (e.g. a command arrived from it first): keep the old row, pointed at the new id.
            db.Channels.Remove(existing);
            await db.SaveChangesAsync(ct);
            channel.ExternalId = newExternalId;
        }
    }

    private async Task ReleaseAsync(List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var db = dbs.Create();
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.ClaimedBy == instance.Value)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(attempts, 12))));
}
