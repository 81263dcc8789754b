using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Commands;

public sealed record TopicView(long Id, string Topic, DeliveryMode Mode);

public sealed record TopicResult(bool Ok, string Message, string? Topic = null, bool AlreadyFollowed = false);

public sealed record ImportResult(int Added, int AlreadySubscribed, IReadOnlyList<string> Problems);

/// <summary>Topics (a query over every catalog feed), filter validation, quotas and OPML import/export of subscriptions.</summary>
public sealed partial class SubscriptionService
{
    /// <summary>The one-line reason a filter cannot be used, or null when it is fine (or absent).</summary>
    public static string? FilterProblem(string? filter) =>
        string.IsNullOrWhiteSpace(filter) || ArticleFilter.TryParse(filter, out _, out var error) ? null : $"bad filter: {error}";

    public async Task<TopicResult> AddTopicAsync(ChannelRef channelRef, string query, CancellationToken ct)
    {
        if (!ArticleFilter.TryParse(query, out var parsed, out var error))
        {
            return new TopicResult(false, $"bad topic: {error}");
        }
        await using var db = dbs.Create();
        var channel = await GetOrCreateChannelAsync(db, channelRef, time.GetUtcNow().UtcDateTime, ct);
        var mine = channel.Id == 0 ? [] : await db.Subscriptions.Where(s => s.ChannelId == channel.Id && s.FeedId == null && s.Topic != null).ToListAsync(ct);
        var same = mine.FirstOrDefault(s => TextFold.Fold(s.Topic) == TextFold.Fold(parsed.Source));
        if (same is not null)
        {
            return new TopicResult(true, $"already following {same.Topic}", same.Topic, AlreadyFollowed: true);
        }
        if (_quotas.TopicsPerChannel > 0 && mine.Count >= _quotas.TopicsPerChannel)
        {
            return new TopicResult(false, $"this chat already follows {mine.Count} topics, the most allowed here (Quotas:TopicsPerChannel)");
        }
        var mode = await HasDigestAsync(db, channel, ct) ? DeliveryMode.Digest : DeliveryMode.Immediate;
        db.Subscriptions.Add(new Subscription { Channel = channel, Topic = parsed.Source, Mode = mode, CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return new TopicResult(true, $"following {parsed.Source}", parsed.Source);
    }

    /// <summary>Stops following a topic named by its text or its id.</summary>
    public async Task<TopicResult> RemoveTopicAsync(ChannelRef channelRef, string topicOrId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var mine = await MineAsync(db, channelRef).Where(s => s.FeedId == null && s.Topic != null).ToListAsync(ct);
        var key = topicOrId.Trim();
        var match = (long.TryParse(key, out var id) ? mine.FirstOrDefault(s => s.Id == id) : null)
            ?? mine.FirstOrDefault(s => TextFold.Fold(s.Topic) == TextFold.Fold(key));
        if (match is null)
        {
            return new TopicResult(false, $"this chat follows no topic '{key}'");
        }
        db.Subscriptions.Remove(match);
        await db.SaveChangesAsync(ct);
        return new TopicResult(true, $"stopped following {match.Topic}", match.Topic);
    }

    public async Task<List<TopicView>> ListTopicsAsync(ChannelRef channelRef, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await MineAsync(db, channelRef).Where(s => s.FeedId == null && s.Topic != null)
            .OrderBy(s => s.Id).Select(s => new TopicView(s.Id, s.Topic!, s.Mode)).ToListAsync(ct);
    }

    /// <summary>
    /// Subscribes the channel to every feed of an OPML list without fetching them now (an import may list hundreds):
    /// new feeds are due at once, and their first fetch is silent like any new feed's.
    /// </summary>
    public async Task<ImportResult> ImportAsync(ChannelRef channelRef, IReadOnlyList<OpmlFeed> list, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var channel = await GetOrCreateChannelAsync(db, channelRef, time.GetUtcNow().UtcDateTime, ct);
        var mode = await HasDigestAsync(db, channel, ct) ? DeliveryMode.Digest : DeliveryMode.Immediate;
        var subscribed = channel.Id == 0 ? [] : await db.Subscriptions.Where(s => s.ChannelId == channel.Id && s.FeedId != null).Select(s => s.Feed!.Url).ToListAsync(ct);
        var have = subscribed.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var added = 0;
        var already = 0;
        foreach (var item in list)
        {
            if (!FeedUrl.TryParse(item.Url, out var url, out var urlError))
            {
                problems.Add($"{Shorten(item.Url)}: {urlError}");
                continue;
            }
            if (FilterProblem(item.Filter) is { } filterError)
            {
                problems.Add($"{url}: {filterError}");
                continue;
            }
            if (!have.Add(url.AbsoluteUri))
            {
                already++;
                continue;
            }
            if (_quotas.FeedsPerChannel > 0 && have.Count > _quotas.FeedsPerChannel)
            {
                problems.Add($"{url}: over the limit of {_quotas.FeedsPerChannel} feeds per chat (Quotas:FeedsPerChannel)");
                have.Remove(url.AbsoluteUri);
                continue;
            }
            var feed = db.Feeds.Local.FirstOrDefault(f => f.Url == url.AbsoluteUri)
                ?? await db.Feeds.SingleOrDefaultAsync(f => f.Url == url.AbsoluteUri, ct);
            if (feed is null)
            {
                feed = new Feed { Url = url.AbsoluteUri, Title = item.Title, CreatedAt = now, NextCheckAt = now };
                db.Feeds.Add(feed);
            }
            feed.DisabledAt = null;
            db.Subscriptions.Add(new Subscription { Channel = channel, Feed = feed, Filter = item.Filter, Mode = mode, CreatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult(added, already, problems);
    }

    public async Task<List<OpmlFeed>> ExportAsync(ChannelRef channelRef, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await MineAsync(db, channelRef).Where(s => s.FeedId != null).OrderBy(s => s.Id)
            .Select(s => new OpmlFeed(s.Feed!.Url, s.Feed.Title, s.Filter)).ToListAsync(ct);
    }

    private static IQueryable<Subscription> MineAsync(NewsBotDb db, ChannelRef c) =>
        db.Subscriptions.Where(s => s.Channel!.Platform == c.Platform && s.Channel.ExternalId == c.ExternalId && s.Channel.ThreadId == c.ThreadId);

    private async Task<string?> FeedQuotaProblemAsync(ChannelRef channelRef, string url, CancellationToken ct)
    {
        if (_quotas.FeedsPerChannel <= 0)
        {
            return null;
        }
        await using var db = dbs.Create();
        var others = await MineAsync(db, channelRef).CountAsync(s => s.FeedId != null && s.Feed!.Url != url, ct);
        return others >= _quotas.FeedsPerChannel
            ? $"this chat already follows {others} feeds, the most allowed here (Quotas:FeedsPerChannel); unsubscribe from one first"
            : null;
    }

    private static async Task<bool> HasDigestAsync(NewsBotDb db, ChatChannel channel, CancellationToken ct) =>
        channel.Id != 0 && await db.DigestSchedules.AnyAsync(d => d.ChannelId == channel.Id, ct);

    private static string Shorten(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
