using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// Drops the bodies of old articles but keeps their rows as tombstones: the dedupe key stays, so an item a feed
/// keeps carrying for months is never posted again.
/// </summary>
public sealed class ArticlePruner(DbFactory dbs, StorageOptions storage, TimeProvider time)
{
    private DateTime _lastRun = DateTime.MinValue;

    /// <summary>Prunes at most once an hour; returns how many articles became tombstones.</summary>
    public async Task<int> PruneIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now - _lastRun < TimeSpan.FromHours(1))
        {
            return 0;
        }
        _lastRun = now;
        return await PruneAsync(now - storage.ArticleRetention, ct);
    }

    public async Task<int> PruneAsync(DateTime olderThan, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var pending = new[] { OutboxState.Pending, OutboxState.Digest };
        return await db.Articles
            .Where(a => !a.IsTombstone && a.FirstSeenAt < olderThan && !db.Outbox.Any(o => o.ArticleId == a.Id && pending.Contains(o.State)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.IsTombstone, true)
                .SetProperty(a => a.Text, (string?)null)
                .SetProperty(a => a.Summary, (string?)null)
                .SetProperty(a => a.PageText, (string?)null)
                .SetProperty(a => a.ImageUrl, (string?)null), ct);
    }
}
