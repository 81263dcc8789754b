using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// Claims due feeds for this instance. One UPDATE … RETURNING on both providers; on PostgreSQL the inner SELECT
/// takes FOR UPDATE SKIP LOCKED so instances never poll the same feed, and a claim that outlives its timeout
/// (its instance died) is taken over.
/// </summary>
public static class FeedClaims
{
    public static async Task<List<long>> ClaimDueAsync(NewsBotDb db, string instance, DateTime now, TimeSpan claimTimeout, int limit, CancellationToken ct)
    {
        var skipLocked = db.IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE feeds SET claimed_by = {"{0}"}, claimed_until = {"{1}"}
            WHERE id IN (
                SELECT f.id FROM feeds f
                WHERE f.disabled_at IS NULL AND f.next_check_at <= {"{2}"}
                  AND (f.claimed_until IS NULL OR f.claimed_until < {"{2}"})
                ORDER BY f.next_check_at
                LIMIT {"{3}"} {skipLocked})
            RETURNING id AS "Value"
            """;
        return await db.Database.SqlQueryRaw<long>(sql, instance, now + claimTimeout, now, limit).ToListAsync(ct);
    }
}
