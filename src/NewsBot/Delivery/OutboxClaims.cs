using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// Claims due outbox rows for this instance. A channel's rows wait behind an earlier row of the same channel that
/// is backing off or claimed elsewhere, so posts keep their order. On PostgreSQL several instances claim at once:
/// each first locks the channels it will serve (FOR NO KEY UPDATE SKIP LOCKED) and only then, in a new statement
/// that sees every claim committed before the lock, claims their rows. Row-level SKIP LOCKED alone is not enough:
/// a concurrent claimer could take a channel's later rows while another holds its earlier ones uncommitted.
/// </summary>
public static class OutboxClaims
{
    public static async Task<List<long>> ClaimDueAsync(NewsBotDb db, string instance, IReadOnlyCollection<string> platforms, DateTime now, TimeSpan claimTimeout, int limit, CancellationToken ct)
    {
        if (platforms.Count == 0)
        {
            return [];
        }
        if (platforms.Any(p => !Platforms.IsKnown(p)))
        {
            throw new ArgumentException("unknown platform", nameof(platforms));
        }
        var platformList = string.Join(", ", platforms.Select(p => $"'{p}'"));
        var pending = (int)OutboxState.Pending;
        var claimable = $"""
            o.state = {pending} AND o.next_attempt_at <= {"{2}"}
            AND (o.claimed_until IS NULL OR o.claimed_until < {"{2}"} OR o.claimed_by = {"{0}"})
            """;
        var claim = $"""
            UPDATE outbox SET claimed_by = {"{0}"}, claimed_until = {"{1}"}
            WHERE id IN (
                SELECT o.id FROM outbox o JOIN channels c ON c.id = o.channel_id
                WHERE {claimable}
                  AND c.paused_at IS NULL AND c.platform IN ({platformList})
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox x
                      WHERE x.channel_id = o.channel_id AND x.state = {pending} AND x.id < o.id
                        AND (x.next_attempt_at > {"{2}"} OR (x.claimed_until >= {"{2}"} AND x.claimed_by <> {"{0}"})))
                  {"{CHANNELS}"}
                ORDER BY o.id
                LIMIT {"{3}"})
            RETURNING id AS "Value"
            """;
        if (!db.IsPostgres)
        {
            // SQLite has one writer at a time: the single statement is already atomic.
            return await db.Database.SqlQueryRaw<long>(claim.Replace("{CHANNELS}", "", StringComparison.Ordinal), instance, now + claimTimeout, now, limit).ToListAsync(ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lockChannels = $"""
            SELECT c.id AS "Value" FROM channels c
            WHERE c.paused_at IS NULL AND c.platform IN ({platformList})
              AND EXISTS (SELECT 1 FROM outbox o WHERE o.channel_id = c.id AND {claimable})
            ORDER BY c.id
            LIMIT {"{3}"}
            FOR NO KEY UPDATE SKIP LOCKED
            """;
        var channels = await db.Database.SqlQueryRaw<long>(lockChannels, instance, now + claimTimeout, now, limit).ToListAsync(ct);
        if (channels.Count == 0)
        {
            await tx.CommitAsync(ct);
            return [];
        }
        var ids = await db.Database.SqlQueryRaw<long>(claim.Replace("{CHANNELS}", "AND o.channel_id = ANY({4})", StringComparison.Ordinal),
            instance, now + claimTimeout, now, limit, channels.ToArray()).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return ids;
    }

    /// <summary>
    /// Extends this instance's claim on one row just before it is sent. A batch can outlast Worker:ClaimTimeout (a slow
    /// platform, a channel with a backlog), and a row whose claim expired is fair game for other instances: without the
    /// renewal both would send it. False when the claim is gone (taken over, or the row is no longer pending); the row
    /// must then be left alone, and the channel's later rows with it, since whoever took it serves the channel now.
    /// </summary>
    public static async Task<bool> RenewAsync(NewsBotDb db, long id, string instance, DateTime now, TimeSpan claimTimeout, CancellationToken ct)
    {
        DateTime? until = now + claimTimeout;
        var renewed = await db.Outbox.Where(o => o.Id == id && o.ClaimedBy == instance && o.State == OutboxState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.ClaimedUntil, until), ct);
        return renewed == 1;
    }
}
