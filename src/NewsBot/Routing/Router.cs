using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// Turns new articles into outbox rows: one per (channel, article), immediate or held for the digest. A channel
/// gets an article when a subscription to its feed, or a topic it follows, matches (filters included). A story the
/// channel already got or is about to get from another feed becomes a Merged row pointing at that one, so the
/// channel sees it once, listing every source.
/// </summary>
public sealed class Router(TimeProvider time, QuotasOptions? quotas = null)
{
    /// <summary>How far back a story counts as "already reached this channel".</summary>
    public static readonly TimeSpan MergeWindow = TimeSpan.FromHours(48);

    private readonly QuotasOptions _quotas = quotas ?? new QuotasOptions();

    public async Task RouteAsync(NewsBotDb db, Feed feed, IReadOnlyList<Article> articles, CancellationToken ct)
    {
        if (articles.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var subscriptions = await db.Subscriptions
            .Where(s => (s.FeedId == feed.Id || (s.FeedId == null && s.Topic != null)) && s.Channel!.PausedAt == null)
            .AsNoTracking()
            .ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            foreach (var article in articles)
            {
                article.StoryHash ??= HashOf(article);
            }
            return;
        }
        var rules = subscriptions.Select(s => new Rule(s, ArticleFilter.ParseStored(s.Filter), ArticleFilter.ParseStored(s.Topic))).ToList();
        var channelIds = subscriptions.Select(s => s.ChannelId).Distinct().ToList();
        var recent = await RecentStoriesAsync(db, channelIds, now, ct);
        var postsThisHour = _quotas.MessagesPerChannelPerHour > 0 ? await PostsThisHourAsync(db, channelIds, now, ct) : [];

        foreach (var article in articles)
        {
            article.StoryHash ??= HashOf(article);
            var folded = ArticleFilter.FoldedArticle(article.Title, article.Text ?? article.Summary);
            var matched = rules.Where(r => r.Matches(folded)).GroupBy(r => r.Subscription.ChannelId);
            foreach (var group in matched)
            {
                var channelId = group.Key;
                // Subscribed twice (immediate and digest, or a feed and a topic) still means one row; immediate wins.
                var mode = group.Any(r => r.Subscription.Mode == DeliveryMode.Immediate) ? DeliveryMode.Immediate : DeliveryMode.Digest;
                var viaFeed = group.Any(r => r.Subscription.FeedId == feed.Id);
                var entry = new OutboxEntry
                {
                    ChannelId = channelId,
                    Article = article,
                    State = mode == DeliveryMode.Digest ? OutboxState.Digest : OutboxState.Pending,
                    NextAttemptAt = now,
                    Nonce = NewNonce(),
                    CreatedAt = now,
                    Topic = viaFeed ? null : group.First(r => r.Subscription.Topic is not null).Subscription.Topic,
                };
                var stories = recent.TryGetValue(channelId, out var list) ? list : recent[channelId] = [];
                var same = article.StoryHash is { } hash ? stories.FirstOrDefault(s => StoryHash.SameStory(s.Hash, hash)) : null;
                if (same is not null)
                {
                    entry.State = OutboxState.Merged;
                    if (same.Entry is { } pending)
                    {
                        entry.MergedInto = pending;
                    }
                    else
                    {
                        entry.MergedIntoId = same.Id;
                    }
                }
                else
                {
                    if (entry.State == OutboxState.Pending && _quotas.MessagesPerChannelPerHour > 0)
                    {
                        var sent = postsThisHour.GetValueOrDefault(channelId);
                        if (sent >= _quotas.MessagesPerChannelPerHour)
                        {
                            // Over the hourly quota: held for the next digest rather than dropped.
                            entry.State = OutboxState.Digest;
                        }
                        else
                        {
                            postsThisHour[channelId] = sent + 1;
                        }
                    }
                    if (article.StoryHash is { } h)
                    {
                        stories.Add(new Story(h, 0, entry));
                    }
                }
                db.Outbox.Add(entry);
            }
        }
    }

    /// <summary>Discord caps nonces at 25 characters; 20 hex digits of a GUID are unique enough per author.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("N")[..20];

    public static long? HashOf(Article article) =>
        StoryHash.Of(article.Title, article.Summary ?? Lead(article.Text));

    /// <summary>The opening of the text stands in for a summary not written yet.</summary>
    private static string? Lead(string? text) => text is null ? null : text.Length > 400 ? text[..400] : text;

    /// <summary>Stories each channel got or is about to get lately, by the row that carries them (merged rows point at it).</summary>
    private static async Task<Dictionary<long, List<Story>>> RecentStoriesAsync(NewsBotDb db, List<long> channelIds, DateTime now, CancellationToken ct)
    {
        var since = now - MergeWindow;
        var rows = await db.Outbox
            .Where(o => channelIds.Contains(o.ChannelId) && o.CreatedAt >= since && o.Article!.StoryHash != null && o.State != OutboxState.Failed)
            .Select(o => new { o.Id, o.ChannelId, o.MergedIntoId, Hash = o.Article!.StoryHash!.Value })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ChannelId)
            .ToDictionary(g => g.Key, g => g.Select(r => new Story(r.Hash, r.MergedIntoId ?? r.Id, null)).ToList());
    }

    private static async Task<Dictionary<long, int>> PostsThisHourAsync(NewsBotDb db, List<long> channelIds, DateTime now, CancellationToken ct)
    {
        var since = now - TimeSpan.FromHours(1);
        var counts = await db.Outbox
            .Where(o => channelIds.Contains(o.ChannelId) && o.CreatedAt >= since && (o.State == OutboxState.Pending || o.State == OutboxState.Sent))
            .GroupBy(o => o.ChannelId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return counts.ToDictionary(c => c.Key, c => c.Count);
    }

    private sealed record Story(long Hash, long Id, OutboxEntry? Entry);

    private sealed record Rule(Subscription Subscription, ArticleFilter? Filter, ArticleFilter? Topic)
    {
        public bool Matches(string folded) => (Filter?.Matches(folded) ?? true) && (Topic?.Matches(folded) ?? true);
    }
}
