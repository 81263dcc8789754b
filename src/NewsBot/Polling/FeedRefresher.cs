using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// One refresh of one claimed feed, top to bottom: fetch → parse → store new (dedupe) → normalize (text, image,
/// language) → route (plan) → full text of the teasers received → summarize what someone receives → one commit (articles, outbox rows, schedule) → wake
/// delivery.
/// </summary>
public sealed class FeedRefresher(
    DbFactory dbs,
    FeedFetcher fetcher,
    ArticleStore store,
    Router router,
    FullTextFetch fullText,
    SummaryTranslations translations,
    FeedCheckRecorder health,
    DeliverySignal delivery,
    TimeProvider time,
    ILogger<FeedRefresher> logger)
{
    public Task RefreshAsync(long feedId, CancellationToken ct) => RefreshAsync(feedId, null, ct);

    /// <param name="fetched">The answer the tick already got for this feed's URL and validators, or null to fetch here.</param>
    public async Task RefreshAsync(long feedId, FetchResult? fetched, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == feedId, ct);
        if (feed is null)
        {
            return;
        }

        fetched ??= await fetcher.FetchAsync(new FetchRequest(new Uri(feed.Url), feed.ETag, feed.LastModified), ct);
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
        var stored = 0;
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
            var fresh = await ArticleStore.NewItemsAsync(db, feed, parsed, ct);
            added = fresh.Select(n => store.Normalize(feed, n.Key, n.Item)).ToList();
            db.Articles.AddRange(added);
            stored = added.Count;
            if (firstFetch)
            {
                feed.PrimedAt = now;
                logger.LogInformation("Primed {Url}: {Count} existing items stored silently", feed.Url, added.Count);
                added = [];
            }
        }

        health.RecordSuccess(feed, fetched, parsed, stored);
        if (added.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        // Route (who receives what; saves nothing), then summarize only what someone receives: an article no channel
        // wants never reaches the summarizer or the LLM.
        var plan = await router.PlanAsync(db, feed, added, ct);
        // A teaser someone receives is read from its page (once, however many channels receive it) before it is summarized.
        await fullText.ApplyAsync(feed.FullText, plan.Recipients, ct);
        await store.SummarizeAsync(plan.Recipients, ct);
        var translated = await translations.PrepareAsync(db, plan, ct);
        // One commit: articles, their outbox rows and the feed's new schedule together; a crash leaves the feed due
        // again. The transaction also holds the recipients' channel locks from reading their recent stories to the commit.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await router.AddRowsAsync(db, plan, ct);
            translated.Assign(db);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("{Url}: {Count} new articles", feed.Url, added.Count);
        delivery.Wake();
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
