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
    public static async Task<List<long>> ClaimDueAsync(NewsBotDb db, string instance, DateTime now, TimeSpan claimTimeout, int limit, CancellationToken ct) =>
        (await ClaimDueFeedsAsync(db, instance, now, claimTimeout, limit, ct)).ConvertAll(f => f.Id);

    /// <summary>
    /// Claims like <see cref="ClaimDueAsync"/> and returns, from the same statement, what a check needs (the URL and the
    /// validators for the conditional GET, what the next check is computed from): a feed that answers 304 is then
    /// checked and rescheduled without ever being loaded as an entity.
    /// </summary>
    public static async Task<List<ClaimedFeed>> ClaimDueFeedsAsync(NewsBotDb db, string instance, DateTime now, TimeSpan claimTimeout, int limit, CancellationToken ct)
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
            RETURNING id AS "Id", url AS "Url", etag AS "ETag", last_modified AS "LastModified", interval AS "Interval",
                schedule_hints AS "ScheduleHints", primed_at IS NOT NULL AS "Primed"
            """;
        return await db.Database.SqlQueryRaw<ClaimedFeed>(sql, instance, now + claimTimeout, now, limit).ToListAsync(ct);
    }

    /// <summary>
    /// Extends this instance's claim on one feed just before it is refreshed. A tick's batch is refreshed a few feeds at a
    /// time and can outlast Worker:ClaimTimeout (slow hosts, a busy machine); the feeds still waiting in it then look
    /// abandoned and another instance takes them over. Without the renewal both would poll them. False when the claim
    /// is gone (taken over, or already refreshed by whoever took it): the feed must then be left alone.
    /// </summary>
    public static async Task<bool> RenewAsync(NewsBotDb db, long feedId, string instance, DateTime now, TimeSpan claimTimeout, CancellationToken ct)
    {
        DateTime? until = now + claimTimeout;
        var renewed = await db.Feeds.Where(f => f.Id == feedId && f.ClaimedBy == instance)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedUntil, until), ct);
        return renewed == 1;
    }

    /// <summary>Hands back this instance's claims on the given feeds (those it did not refresh); returns how many.</summary>
    public static async Task<int> ReleaseAsync(NewsBotDb db, string instance, IReadOnlyCollection<long> feedIds, CancellationToken ct) =>
        await db.Feeds.Where(f => feedIds.Contains(f.Id) && f.ClaimedBy == instance)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedBy, (string?)null).SetProperty(f => f.ClaimedUntil, (DateTime?)null), ct);
}
