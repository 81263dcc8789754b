using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// Claims due outbox rows for this instance. A channel's rows wait behind an earlier row of the same channel that
/// is backing off or claimed elsewhere, so posts keep their order; on PostgreSQL rows are taken with SKIP LOCKED.
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
        var skipLocked = db.IsPostgres ? "FOR UPDATE OF o SKIP LOCKED" : "";
        var pending = (int)OutboxState.Pending;
        var sql = $"""
            UPDATE outbox SET claimed_by = {"{0}"}, claimed_until = {"{1}"}
            WHERE id IN (
                SELECT o.id FROM outbox o JOIN channels c ON c.id = o.channel_id
                WHERE o.state = {pending} AND o.next_attempt_at <= {"{2}"}
                  AND (o.claimed_until IS NULL OR o.claimed_until < {"{2}"} OR o.claimed_by = {"{0}"})
                  AND c.paused_at IS NULL AND c.platform IN ({platformList})
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox x
                      WHERE x.channel_id = o.channel_id AND x.state = {pending} AND x.id < o.id
                        AND (x.next_attempt_at > {"{2}"} OR (x.claimed_until >= {"{2}"} AND x.claimed_by <> {"{0}"})))
                ORDER BY o.id
                LIMIT {"{3}"} {skipLocked})
            RETURNING id AS "Value"
            """;
        return await db.Database.SqlQueryRaw<long>(sql, instance, now + claimTimeout, now, limit).ToListAsync(ct);
    }
}
