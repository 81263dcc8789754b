using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// Turns new articles into outbox rows: one per (channel, article), immediate or held for the digest. A channel
/// gets an article when a subscription to its feed, or a topic it follows, matches (filters included). A story the
/// channel already got or is about to get from another feed becomes a Merged row pointing at that one, so the
/// channel sees it once, listing every source. Two articles of one feed are never merged: distinct dedupe keys of a
/// feed are distinct posts, however alike its template makes them look. Routing saves nothing: the refresher commits
/// the articles, their rows and the feed's schedule together.
/// </summary>
public sealed partial class Router(TimeProvider time, QuotasOptions? quotas = null)
{
    /// <summary>How far back a story counts as "already reached this channel".</summary>
    public static readonly TimeSpan MergeWindow = TimeSpan.FromHours(48);

    private readonly QuotasOptions _quotas = quotas ?? new QuotasOptions();

    private readonly StoredStoryKeys _storedKeys = new();

    /// <summary>
    /// What routing will do with <paramref name="articles"/>: the subscriptions that could receive them, each article's
    /// story key (its feed's template stripped) and the channels whose filters it matches. Reads only; the story hash is
    /// set on each article. <see cref="RoutePlan.Recipients"/> are the articles anyone receives: only those are summarized.
    /// </summary>
    public async Task<RoutePlan> PlanAsync(NewsBotDb db, Feed feed, IReadOnlyList<Article> articles, CancellationToken ct)
    {
        if (articles.Count == 0)
        {
            return new RoutePlan(feed, [], new Dictionary<Article, StoryKey>(), []);
        }
        var subscriptions = await db.Subscriptions
            .Where(s => (s.FeedId == feed.Id || (s.FeedId == null && s.Topic != null)) && s.PausedAt == null && s.Channel!.PausedAt == null)
            .AsNoTracking()
            .ToListAsync(ct);
        var boilerplate = await BoilerplateOfAsync(db, feed.Id, articles.Select(a => ((string?)a.Title, a.Text)), ct);
        var keys = articles.ToDictionary(a => a, a => KeyOf(a, boilerplate));
        foreach (var article in articles)
        {
            article.StoryHash ??= keys[article].Hash;
        }
        var rules = subscriptions.Select(s => new Rule(s, ArticleFilter.ParseStored(s.Filter), ArticleFilter.ParseStored(s.Topic))).ToList();
        var deliveries = new List<PlannedDelivery>();
        foreach (var article in articles)
        {
            var folded = FoldedForFilters(article);
            foreach (var group in rules.Where(r => r.Matches(folded)).GroupBy(r => r.Subscription.ChannelId))
            {
                // Subscribed twice (immediate and digest, or a feed and a topic) still means one row; immediate wins.
                var mode = group.Any(r => r.Subscription.Mode == DeliveryMode.Immediate) ? DeliveryMode.Immediate : DeliveryMode.Digest;
                var viaFeed = group.Any(r => r.Subscription.FeedId == feed.Id);
                deliveries.Add(new PlannedDelivery(article, group.Key, mode, viaFeed ? null : group.First(r => r.Subscription.Topic is not null).Subscription.Topic));
            }
        }
        // The candidates' stored keys are read now, outside the transaction that AddRowsAsync runs in: under the lock the
        // channels' recent rows are read once more, and only the keys of stories that arrived in between are loaded.
        var versions = new Dictionary<long, long>();
        await WarmCandidatesAsync(db, feed.Id, deliveries, keys, versions, ct);
        return new RoutePlan(feed, articles, keys, deliveries) { Versions = versions };
    }

    private async Task WarmCandidatesAsync(NewsBotDb db, long feedId, List<PlannedDelivery> deliveries, Dictionary<Article, StoryKey> keys,
        Dictionary<long, long> versions, CancellationToken ct)
    {
        if (deliveries.Count == 0)
        {
            return;
        }
        var recent = await RecentStoriesAsync(db, deliveries.Select(d => d.ChannelId).Distinct().ToList(), time.GetUtcNow().UtcDateTime, ct);
        var candidates = new List<Story>();
        foreach (var delivery in deliveries)
        {
            if (keys[delivery.Article].Hash is { } hash && recent.TryGetValue(delivery.ChannelId, out var stories))
            {
                candidates.AddRange(stories.Where(s => !s.Feeds.Contains(feedId) && StoryHash.Distance(s.Hash, hash) <= StoryKey.CandidateDistance));
            }
        }
        await StoredStoryKeys.ReadVersionsAsync(db, candidates.Select(c => c.ArticleFeedId).Distinct().ToList(), versions, ct);
        foreach (var story in candidates)
        {
            await _storedKeys.KeyOfAsync(db, story.ArticleId, story.ArticleFeedId, versions, ct);
        }
    }

    /// <summary>
    /// Adds the planned outbox rows to <paramref name="db"/> (saves nothing): one per (channel, article), Merged when the
    /// channel already got or is about to get the story from another feed, held for the digest over the hourly quota.
    /// Inside a transaction on PostgreSQL the channels are locked first (FOR NO KEY UPDATE, in id order) until the
    /// caller commits, so two refreshes carrying the same story to one channel see each other's row, while refreshes for
    /// different channels never wait on each other. On SQLite the caller's transaction (BEGIN IMMEDIATE) is the lock.
    /// </summary>
    public async Task<List<OutboxEntry>> AddRowsAsync(NewsBotDb db, RoutePlan plan, CancellationToken ct)
    {
        if (plan.Deliveries.Count == 0)
        {
            return [];
        }
        var channelIds = plan.Deliveries.Select(d => d.ChannelId).Distinct().Order().ToList();
        if (db.IsPostgres && db.Database.CurrentTransaction is not null)
        {
            await db.Database.SqlQueryRaw<long>("SELECT id AS \"Value\" FROM channels WHERE id = ANY({0}) ORDER BY id FOR NO KEY UPDATE", channelIds.ToArray())
                .ToListAsync(ct);
        }
        return await AddRowsAsync(db, plan, channelIds, ct);
    }

    /// <summary>Plans and adds the rows in one go (saves nothing); for callers that commit right after.</summary>
    public async Task<List<OutboxEntry>> RouteAsync(NewsBotDb db, Feed feed, IReadOnlyList<Article> articles, CancellationToken ct) =>
        await AddRowsAsync(db, await PlanAsync(db, feed, articles, ct), ct);

    private async Task<List<OutboxEntry>> AddRowsAsync(NewsBotDb db, RoutePlan plan, List<long> channelIds, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recent = await RecentStoriesAsync(db, channelIds, now, ct);
        var postsThisHour = _quotas.MessagesPerChannelPerHour > 0 ? await PostsThisHourAsync(db, channelIds, now, ct) : [];
        var versions = new Dictionary<long, long>(plan.Versions);
        var rows = new List<OutboxEntry>(plan.Deliveries.Count);
        foreach (var delivery in plan.Deliveries)
        {
            var channelId = delivery.ChannelId;
            var entry = new OutboxEntry
            {
                ChannelId = channelId,
                Article = delivery.Article,
                State = delivery.Mode == DeliveryMode.Digest ? OutboxState.Digest : OutboxState.Pending,
                NextAttemptAt = now,
                Nonce = NewNonce(),
                CreatedAt = now,
                Topic = delivery.Topic,
            };
            var stories = recent.TryGetValue(channelId, out var list) ? list : recent[channelId] = [];
            var same = await SameStoryAsync(db, _storedKeys, plan.Feed.Id, stories, plan.Keys[delivery.Article], versions, ct);
            if (same is not null)
            {
                entry.State = OutboxState.Merged;
                entry.MergedIntoId = same.Id;
                // The story now has this feed's article: another one of this feed, in this refresh, is its own post.
                same.Feeds.Add(plan.Feed.Id);
            }
            else if (entry.State == OutboxState.Pending && _quotas.MessagesPerChannelPerHour > 0)
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
            db.Outbox.Add(entry);
            rows.Add(entry);
        }
        return rows;
    }

    /// <summary>
    /// The story among <paramref name="stories"/> that <paramref name="key"/> repeats: a close hash, confirmed on the text
    /// with each side's own feed template stripped. Stories this feed already carries are never candidates.
    /// </summary>
    private static async Task<Story?> SameStoryAsync(NewsBotDb db, StoredStoryKeys storedKeys, long feedId, List<Story> stories, StoryKey key, Dictionary<long, long> versions, CancellationToken ct)
    {
        if (key.Hash is not { } hash)
        {
            return null;
        }
        foreach (var story in stories)
        {
            if (story.Feeds.Contains(feedId) || StoryHash.Distance(story.Hash, hash) > StoryKey.CandidateDistance)
            {
                continue;
            }
            story.Key ??= await storedKeys.KeyOfAsync(db, story.ArticleId, story.ArticleFeedId, versions, ct);
            if (key.SameStory(story.Key))
            {
                return story;
            }
        }
        return null;
    }

    /// <summary>What filters and topics are matched against: the title and the feed's own text (the summary without it).</summary>
    internal static string FoldedForFilters(Article article) => ArticleFilter.FoldedArticle(article.Title, article.Text ?? article.Summary);

    /// <summary>Discord caps nonces at 25 characters; 20 hex digits of a GUID are unique enough per author.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("N")[..20];

    /// <summary>How much of a stored article's text is read back to confirm a merge: the lead is at the top.</summary>
    internal const int LeadSourceChars = 3000;

    /// <summary>
    /// The story key of the cleaned title and lead of the text, its feed's template stripped first; the summary stands in
    /// when there is no text.
    /// </summary>
    public static StoryKey KeyOf(Article article, FeedBoilerplate? boilerplate = null)
    {
        var text = string.IsNullOrWhiteSpace(article.Text) ? article.Summary : article.Text;
        if (boilerplate is null)
        {
            return StoryKey.Of(article.Title, text);
        }
        if (text is not null)
        {
            text = boilerplate.Strip(text.Length > LeadSourceChars ? text[..LeadSourceChars] : text);
        }
        return StoryKey.Of(boilerplate.StripTitle(article.Title), text);
    }

    /// <summary>The template of a feed, learned from its latest stored items and <paramref name="incoming"/> ones not saved yet.</summary>
    public static async Task<FeedBoilerplate> BoilerplateOfAsync(NewsBotDb db, long feedId, IEnumerable<(string? Title, string? Text)> incoming, CancellationToken ct)
    {
        var stored = feedId == 0
            ? []
            : await db.Articles.AsNoTracking()
                .Where(a => a.FeedId == feedId && !a.IsTombstone)
                .OrderByDescending(a => a.Id)
                .Take(FeedBoilerplate.SampleItems)
                .Select(a => new { a.Title, Text = a.Text == null ? null : a.Text.Substring(0, FeedBoilerplate.SampleChars) })
                .ToListAsync(ct);
        return FeedBoilerplate.Learn(incoming.Concat(stored.Select(s => ((string?)s.Title, s.Text))));
    }

    /// <summary>Stories each channel got or is about to get lately, by the row that carries them (merged rows point at it).</summary>
    private static async Task<Dictionary<long, List<Story>>> RecentStoriesAsync(NewsBotDb db, List<long> channelIds, DateTime now, CancellationToken ct)
    {
        var since = now - MergeWindow;
        var rows = await db.Outbox
            .Where(o => channelIds.Contains(o.ChannelId) && o.CreatedAt >= since && o.Article!.StoryHash != null && o.State != OutboxState.Failed)
            .Select(o => new { o.Id, o.ChannelId, o.MergedIntoId, o.ArticleId, o.Article!.FeedId, Hash = o.Article!.StoryHash!.Value })
            .ToListAsync(ct);
        // Every feed a story already reached the channel from: one of them never adds a second article to it.
        var feedsOf = rows.GroupBy(r => r.MergedIntoId ?? r.Id).ToDictionary(g => g.Key, g => g.Select(r => r.FeedId).ToHashSet());
        return rows.GroupBy(r => r.ChannelId)
            .ToDictionary(g => g.Key, g => g.Select(r => new Story(r.Hash, r.MergedIntoId ?? r.Id, r.ArticleId, r.FeedId, feedsOf[r.MergedIntoId ?? r.Id])).ToList());
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

    /// <summary>A story a channel got: its hash, the row that carries it, the feeds it came from, and its key once loaded.</summary>
    private sealed record Story(long Hash, long Id, long ArticleId, long ArticleFeedId, HashSet<long> Feeds)
    {
        public StoryKey? Key { get; set; }
    }

    /// <summary>One article for one channel, as the subscriptions and filters decided; merges and quotas come later.</summary>
    public sealed record PlannedDelivery(Article Article, long ChannelId, DeliveryMode Mode, string? Topic);

    /// <summary>The outcome of <see cref="PlanAsync"/>: who receives what, and each article's story key.</summary>
    public sealed record RoutePlan(Feed Feed, IReadOnlyList<Article> Articles, IReadOnlyDictionary<Article, StoryKey> Keys, IReadOnlyList<PlannedDelivery> Deliveries)
    {
        /// <summary>The newest item of each candidate story's feed when the plan was made (what the stored keys were computed with).</summary>
        public IReadOnlyDictionary<long, long> Versions { get; init; } = new Dictionary<long, long>();

        public IReadOnlyList<Article> Recipients => Deliveries.Select(d => d.Article).Distinct().ToList();
    }

    private sealed record Rule(Subscription Subscription, ArticleFilter? Filter, ArticleFilter? Topic)
    {
        public bool Matches(string folded) => (Filter?.Matches(folded) ?? true) && (Topic?.Matches(folded) ?? true);
    }
}
