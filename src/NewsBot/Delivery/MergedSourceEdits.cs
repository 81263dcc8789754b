using Microsoft.EntityFrameworkCore;
using NewsBot.Hosting;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// A story that reaches a channel from a second feed after the first feed's post went out must not lose that source
/// silently: the sent message is edited to list it (never posted again). Due are Merged rows whose carrying post is
/// sent and which no post shows yet (SentAt null). An edit that cannot be made (the post is older than 48 hours, was
/// deleted, went out in a digest page, or the platform refuses) is recorded on the row, SentAt set with LastError
/// saying why, and is not tried again.
/// </summary>
public sealed class MergedSourceEdits(DbFactory dbs, WorkerOptions worker, InstanceName instance, TimeProvider time, ILogger<MergedSourceEdits> logger)
{
    /// <summary>How long after it was sent a post is still edited to add a source; both platforms let a bot edit longer.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(48);

    /// <summary>A temporary failure (rate limit, network) is tried again this many times before it is recorded as failed.</summary>
    public const int MaxAttempts = 5;

    public const string NotAdded = "not added to the sent post: ";

    private const int Batch = 50;

    /// <summary>One round of edits; true when any row was handled.</summary>
    public async Task<bool> EditDueAsync(IReadOnlyDictionary<string, IChannelSender> senders, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var platforms = senders.Keys.ToList();
        await using var db = dbs.Create();
        var due = await db.Outbox
            .Where(o => o.State == OutboxState.Merged && o.SentAt == null && o.NextAttemptAt <= now
                && (o.ClaimedUntil == null || o.ClaimedUntil < now)
                && o.MergedInto!.State == OutboxState.Sent
                && o.Channel!.PausedAt == null && platforms.Contains(o.Channel.Platform))
            .OrderBy(o => o.Id)
            .Select(o => o.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return false;
        }
        // The claim is one conditional UPDATE per row set: two instances never edit for the same rows at once.
        var until = now + worker.ClaimTimeout;
        await db.Outbox.Where(o => due.Contains(o.Id) && (o.ClaimedUntil == null || o.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedBy, instance.Value).SetProperty(o => o.ClaimedUntil, (DateTime?)until), ct);
        var claimed = await db.Outbox.Where(o => due.Contains(o.Id) && o.ClaimedBy == instance.Value && o.SentAt == null).ToListAsync(ct);
        foreach (var group in claimed.GroupBy(o => o.MergedIntoId!.Value))
        {
            await EditOneAsync(db, group.Key, [.. group], senders, ct);
        }
        return claimed.Count > 0;
    }

    private async Task EditOneAsync(NewsBotDb db, long carrierId, List<OutboxEntry> merged, IReadOnlyDictionary<string, IChannelSender> senders, CancellationToken ct)
    {
        var carrier = await db.Outbox.AsNoTracking().Include(o => o.Channel).Include(o => o.Article).ThenInclude(a => a!.Feed)
            .SingleAsync(o => o.Id == carrierId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var skip = carrier switch
        {
            { SentInDigest: true } => "its digest page had already gone out (a page is not edited)",
            { PlatformMessageId: null } => "the platform gave no message id to edit",
            { SentAt: { } sent } when now - sent > EditWindow => $"the post is older than {EditWindow.TotalHours:0} hours",
            _ => null,
        };
        if (skip is null)
        {
            var sources = await StorySources.OfAsync(db, carrier.Id, carrier.Article!.FeedId, ct);
            var display = await PostDisplays.ForAsync(db, carrier.Channel!, carrier.Article.FeedId, carrier.Topic, ct);
            var post = PostFactory.From(carrier.Article, sources.Names, carrier, carrier.Channel?.SummaryLanguage, display);
            SendOutcome outcome;
            try
            {
                outcome = await senders[carrier.Channel!.Platform].EditAsync(carrier.Channel, carrier.PlatformMessageId!, post, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = new SendOutcome(SendStatus.Retry, Error: e.Message);
            }
            now = time.GetUtcNow().UtcDateTime;
            if (outcome.Status == SendStatus.Sent)
            {
                foreach (var row in merged)
                {
                    Settle(row, now, null);
                }
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            var attempts = merged.Max(r => r.Attempts) + 1;
            if (outcome.Status == SendStatus.Retry && attempts < MaxAttempts)
            {
                foreach (var row in merged)
                {
                    row.Attempts = attempts;
                    row.LastError = outcome.Error;
                    row.NextAttemptAt = now + (outcome.RetryAfter ?? TimeSpan.FromSeconds(30 * attempts));
                    row.ClaimedBy = null;
                    row.ClaimedUntil = null;
                }
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            skip = outcome.Error ?? outcome.Status.ToString();
        }
        logger.LogInformation("Source of {Count} merged article(s) not added to post {Carrier} in channel {Channel}: {Reason}",
            merged.Count, carrier.Id, carrier.ChannelId, skip);
        foreach (var row in merged)
        {
            Settle(row, now, NotAdded + skip);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static void Settle(OutboxEntry row, DateTime now, string? error)
    {
        row.SentAt = now;
        row.LastError = error;
        row.Attempts++;
        row.ClaimedBy = null;
        row.ClaimedUntil = null;
    }
}
