using Microsoft.EntityFrameworkCore;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Commands;

/// <param name="FullText">The feed's full-text mode when given (the feed row is shared: the last channel to say sets it).</param>
public sealed record SubscribeRequest(
    ChannelRef Channel, string Url, string? Filter = null, DeliveryMode Mode = DeliveryMode.Immediate, TimeSpan? Interval = null,
    NewsBot.Feeds.FullText.FullTextMode? FullText = null);

public sealed record SubscribeResult(bool Ok, string Message, string? FeedTitle = null, string? FeedUrl = null, int ItemCount = 0, long FeedId = 0, bool AlreadySubscribed = false);

public sealed record UnsubscribeResult(bool Ok, string Message, string? FeedTitle = null);

public sealed record SubscriptionView(long SubscriptionId, long FeedId, string FeedUrl, string? FeedTitle, string? Filter, DeliveryMode Mode, DateTime? LastSuccessAt, string? LastError, DateTime? DisabledAt,
    DateTime? PausedAt = null);

/// <summary>
/// What subscribing and unsubscribing do, once, for the CLI and every platform. Subscribing to a feed nobody has
/// fetched checks it first (so the reply can name its title and item count) and stores its items silently.
/// </summary>
public sealed partial class SubscriptionService(DbFactory dbs, FeedFetcher fetcher, ArticleStore store, FeedsOptions feeds, TimeProvider time, QuotasOptions? quotas = null)
{
    private readonly QuotasOptions _quotas = quotas ?? new QuotasOptions();

    public async Task<SubscribeResult> SubscribeAsync(SubscribeRequest request, CancellationToken ct)
    {
        if (!FeedUrl.TryParse(request.Url, out var url, out var urlError))
        {
            return new SubscribeResult(false, urlError);
        }
        if (IntervalProblem(request.Interval) is { } intervalError)
        {
            return new SubscribeResult(false, intervalError);
        }
        if (FilterProblem(request.Filter) is { } filterError)
        {
            return new SubscribeResult(false, filterError);
        }
        if (await FeedQuotaProblemAsync(request.Channel, url.AbsoluteUri, ct) is { } quotaError)
        {
            return new SubscribeResult(false, quotaError);
        }

        await using var db = dbs.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Url == url.AbsoluteUri, ct);
        var itemCount = 0;
        // A disabled feed is checked again by hand: only a successful check re-enables it.
        if (feed is null || feed.PrimedAt is null || feed.DisabledAt is not null)
        {
            var fetched = await fetcher.FetchAsync(new FetchRequest(url), ct);
            if (fetched.Status != FetchStatus.Ok)
            {
                return new SubscribeResult(false, $"could not fetch {url}: {fetched.Error ?? "the server sent nothing new"}");
            }
            if (!FeedParser.TryParse(fetched.Body, fetched.ContentType, fetched.DocumentBase, out var parsed, out string? notAFeed))
            {
                return new SubscribeResult(false, $"{url} is not a feed I can read: {notAFeed}");
            }
            var finalUrl = (fetched.PermanentUrl ?? url).AbsoluteUri;
            feed ??= await db.Feeds.SingleOrDefaultAsync(f => f.Url == finalUrl, ct);
            if (feed is null)
            {
                feed = new Feed { Url = finalUrl, CreatedAt = now };
                db.Feeds.Add(feed);
            }
            feed.Title = parsed.Title ?? feed.Title;
            feed.SiteLink = parsed.Link ?? feed.SiteLink;
            feed.ETag = fetched.ETag;
            feed.LastModified = fetched.LastModified;
            feed.LastCheckedAt = feed.LastSuccessAt = now;
            feed.DisabledAt = null;
            feed.ErrorCount = 0;
            feed.LastError = null;
            feed.FailingSince = null;
            feed.ErrorNotifiedAt = null;
            if (feed.PrimedAt is null)
            {
                await store.AddNewAsync(db, feed, parsed, summarize: false, ct);
                feed.PrimedAt = now;
            }
            itemCount = parsed.Items.Count;
        }
        else
        {
            itemCount = await db.Articles.CountAsync(a => a.FeedId == feed.Id, ct);
        }

        if (request.Interval is { } interval && (feed.Interval is null || interval < feed.Interval))
        {
            // Several channels share one feed row: the most eager subscription sets the pace.
            feed.Interval = interval;
        }
        if (request.FullText is { } fullText)
        {
            feed.FullText = fullText;
        }
        var due = now + (feed.Interval ?? feeds.DefaultInterval);
        if (feed.NextCheckAt == default || feed.NextCheckAt > due)
        {
            feed.NextCheckAt = due;
        }

        var channel = await GetOrCreateChannelAsync(db, request.Channel, time.GetUtcNow().UtcDateTime, ct);
        var existing = channel.Id == 0 || feed.Id == 0
            ? null
            : await db.Subscriptions.SingleOrDefaultAsync(s => s.ChannelId == channel.Id && s.FeedId == feed.Id, ct);
        // A chat that chose a digest gets new subscriptions in its digest too.
        var mode = await HasDigestAsync(db, channel, ct) ? DeliveryMode.Digest : request.Mode;
        var filter = string.IsNullOrWhiteSpace(request.Filter) ? null : request.Filter.Trim();
        if (existing is not null)
        {
            existing.Filter = filter;
            existing.Mode = mode;
        }
        else
        {
            db.Subscriptions.Add(new Subscription { Channel = channel, Feed = feed, Filter = filter, Mode = mode, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);

        var title = feed.Title ?? feed.Url;
        var message = existing is null
            ? $"Subscribed to {title} ({itemCount} items now; new ones will be posted here)"
            : $"Already subscribed to {title}; settings updated";
        return new SubscribeResult(true, message, feed.Title, feed.Url, itemCount, feed.Id, existing is not null);
    }

    /// <summary>Removes the channel's subscription to a feed named by URL, id or title.</summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(ChannelRef channelRef, string urlOrId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var mine = await FeedSubscriptionsAsync(db, channelRef, ct);
        var match = FindFeedSubscription(mine, urlOrId);
        if (match is null)
        {
            return new UnsubscribeResult(false, $"this chat has no subscription matching '{urlOrId}'; see /list");
        }
        db.Subscriptions.Remove(match);
        await db.SaveChangesAsync(ct);
        await RemoveOrphanFeedAsync(db, match.FeedId!.Value, ct);
        return new UnsubscribeResult(true, $"Unsubscribed from {match.Feed!.Title ?? match.Feed.Url}", match.Feed.Title ?? match.Feed.Url);
    }

    public async Task<List<SubscriptionView>> ListAsync(ChannelRef channelRef, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.Subscriptions
            .Where(s => s.FeedId != null && s.Channel!.Platform == channelRef.Platform && s.Channel.ExternalId == channelRef.ExternalId && s.Channel.ThreadId == channelRef.ThreadId)
            .OrderBy(s => s.Id)
            .Select(s => new SubscriptionView(s.Id, s.Feed!.Id, s.Feed.Url, s.Feed.Title, s.Filter, s.Mode, s.Feed.LastSuccessAt, s.Feed.LastError, s.Feed.DisabledAt, s.PausedAt))
            .ToListAsync(ct);
    }

    public static async Task<ChatChannel> GetOrCreateChannelAsync(NewsBotDb db, ChannelRef channelRef, DateTime now, CancellationToken ct)
    {
        var channel = db.Channels.Local.FirstOrDefault(c => c.Platform == channelRef.Platform && c.ExternalId == channelRef.ExternalId && c.ThreadId == channelRef.ThreadId)
            ?? await db.Channels.SingleOrDefaultAsync(c => c.Platform == channelRef.Platform && c.ExternalId == channelRef.ExternalId && c.ThreadId == channelRef.ThreadId, ct);
        if (channel is null)
        {
            channel = new ChatChannel { Platform = channelRef.Platform, ExternalId = channelRef.ExternalId, ThreadId = channelRef.ThreadId, CreatedAt = now };
            db.Channels.Add(channel);
        }
        return channel;
    }

    /// <summary>The chat's subscriptions to feeds (not topics), tracked, with their feeds: what /unsubscribe and /set pick from.</summary>
    private static Task<List<Subscription>> FeedSubscriptionsAsync(NewsBotDb db, ChannelRef channelRef, CancellationToken ct) =>
        db.Subscriptions
            .Include(s => s.Feed)
            .Where(s => s.FeedId != null && s.Channel!.Platform == channelRef.Platform && s.Channel.ExternalId == channelRef.ExternalId && s.Channel.ThreadId == channelRef.ThreadId)
            .ToListAsync(ct);

    private static Subscription? FindFeedSubscription(List<Subscription> subscriptions, string urlOrId)
    {
        var key = urlOrId.Trim();
        if (long.TryParse(key, out var id))
        {
            return subscriptions.FirstOrDefault(s => s.FeedId == id || s.Id == id);
        }
        if (FeedUrl.TryParse(key, out var url, out _))
        {
            var byUrl = subscriptions.FirstOrDefault(s => string.Equals(s.Feed!.Url, url.AbsoluteUri, StringComparison.OrdinalIgnoreCase));
            if (byUrl is not null)
            {
                return byUrl;
            }
        }
        return subscriptions.FirstOrDefault(s => string.Equals(s.Feed!.Title, key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A feed nobody follows any more stops being polled; its articles go with it. Catalog feeds stay: topics need them.</summary>
    internal static async Task RemoveOrphanFeedAsync(NewsBotDb db, long feedId, CancellationToken ct)
    {
        if (!await db.Subscriptions.AnyAsync(s => s.FeedId == feedId, ct))
        {
            await db.Feeds.Where(f => f.Id == feedId && !f.IsCatalog).ExecuteDeleteAsync(ct);
        }
    }
}
