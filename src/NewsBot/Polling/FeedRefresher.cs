using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>One refresh of one claimed feed, top to bottom: fetch, parse, store new, summarize, route, schedule.</summary>
public sealed class FeedRefresher(
    DbFactory dbs,
    FeedFetcher fetcher,
    ArticleStore store,
    Router router,
    FeedStatus health,
    DeliverySignal delivery,
    TimeProvider time,
    ILogger<FeedRefresher> logger)
{
    public async Task RefreshAsync(long feedId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == feedId, ct);
        if (feed is null)
        {
            return;
        }

        var fetched = await fetcher.FetchAsync(new FetchRequest(new Uri(feed.Url), feed.ETag, feed.LastModified), ct);
        var now = time.GetUtcNow().UtcDateTime;
        feed.LastCheckedAt = now;
        feed.ClaimedBy = null;
        feed.ClaimedUntil = null;

        if (fetched.Status == FetchStatus.Failed)
        {
            await health.RecordFailureAsync(db, feed, fetched.Error ?? "fetch failed", fetched, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        RememberServerState(feed, fetched);

        ParsedFeed? parsed = null;
        List<Article> added = [];
        if (fetched.Status == FetchStatus.Ok)
        {
            if (!FeedParser.TryParse(fetched.Body, fetched.ContentType, fetched.DocumentBase, out parsed, out string? notAFeed))
            {
                await health.RecordFailureAsync(db, feed, notAFeed, fetched, ct);
                await db.SaveChangesAsync(ct);
                return;
            }

            feed.Title = string.IsNullOrWhiteSpace(parsed.Title) ? feed.Title : parsed.Title;
            feed.SiteLink = parsed.Link ?? feed.SiteLink;
            var firstFetch = feed.PrimedAt is null;
            added = await store.AddNewAsync(db, feed, parsed, summarize: !firstFetch, ct);
            if (firstFetch)
            {
                feed.PrimedAt = now;
                logger.LogInformation("Primed {Url}: {Count} existing items stored silently", feed.Url, added.Count);
                added = [];
            }
            else if (added.Count > 0)
            {
                await router.RouteAsync(db, feed, added, ct);
            }
        }

        health.RecordSuccess(feed, fetched, parsed);
        // Articles, their outbox rows and the feed's new schedule commit together: a crash leaves the feed due again.
        await db.SaveChangesAsync(ct);
        if (added.Count > 0)
        {
            logger.LogInformation("{Url}: {Count} new articles", feed.Url, added.Count);
            delivery.Wake();
        }
    }

    private static void RememberServerState(Feed feed, FetchResult fetched)
    {
        if (fetched.PermanentUrl is { } moved && moved.AbsoluteUri != feed.Url)
        {
            feed.Url = moved.AbsoluteUri;
        }
        if (fetched.Status == FetchStatus.Ok)
        {
            feed.ETag = fetched.ETag;
            feed.LastModified = fetched.LastModified;
        }
    }
}
