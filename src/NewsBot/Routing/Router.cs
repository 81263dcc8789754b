using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>Turns new articles into outbox rows: one per (channel, article), immediate or held for the digest.</summary>
public sealed class Router(TimeProvider time)
{
    public async Task RouteAsync(NewsBotDb db, Feed feed, IReadOnlyList<Article> articles, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var subscriptions = await db.Subscriptions
            .Where(s => s.FeedId == feed.Id && s.Channel!.PausedAt == null)
            .ToListAsync(ct);
        foreach (var article in articles)
        {
            // A channel subscribed twice (immediate and digest) still gets one row; immediate wins.
            foreach (var group in subscriptions.GroupBy(s => s.ChannelId))
            {
                var mode = group.Any(s => s.Mode == DeliveryMode.Immediate) ? DeliveryMode.Immediate : DeliveryMode.Digest;
                db.Outbox.Add(new OutboxEntry
                {
                    ChannelId = group.Key,
                    Article = article,
                    State = mode == DeliveryMode.Digest ? OutboxState.Digest : OutboxState.Pending,
                    NextAttemptAt = now,
                    Nonce = NewNonce(),
                    CreatedAt = now,
                });
            }
        }
    }

    /// <summary>Discord caps nonces at 25 characters; 20 hex digits of a GUID are unique enough per author.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("N")[..20];
}
