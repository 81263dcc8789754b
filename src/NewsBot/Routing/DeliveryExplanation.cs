using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// "Why was this article (not) delivered here?": for an article URL and a channel, what became of each stored item that
/// links there, read from the rows the pipeline left (the outbox row and its state, the merge, the subscription, its
/// filter, the channel's pause, the feed's silent first fetch), in words an admin can act on.
/// </summary>
public static class DeliveryExplanation
{
    public enum Verdict
    {
        Delivered,
        Waiting,
        Merged,
        Failed,
        NotDelivered,
    }

    public sealed record Finding(string Feed, string Title, DateTime FirstSeenAt, Verdict Verdict, string Reason);

    private const int MaxArticles = 20;

    /// <param name="language">"zh" or "en".</param>
    /// <returns>One finding per stored item linking to <paramref name="url"/>; empty when no feed the bot reads has one.</returns>
    public static async Task<List<Finding>> ExplainAsync(NewsBotDb db, ChatChannel channel, string url, string language, CancellationToken ct)
    {
        var link = url.Trim();
        var articles = await db.Articles.AsNoTracking().Include(a => a.Feed)
            .Where(a => a.Url == link || a.PageUrl == link)
            .OrderByDescending(a => a.Id).Take(MaxArticles).ToListAsync(ct);
        var findings = new List<Finding>();
        foreach (var article in articles)
        {
            var (verdict, reason) = await ReasonAsync(db, channel, article, language, ct);
            findings.Add(new Finding(article.Feed?.Title ?? article.Feed?.Url ?? "?", article.Title, article.FirstSeenAt, verdict, reason));
        }
        return findings;
    }

    private static string T(string language, string en, string zh) => language == "zh" ? zh : en;

    private static async Task<(Verdict, string)> ReasonAsync(NewsBotDb db, ChatChannel channel, Article article, string language, CancellationToken ct)
    {
        var row = await db.Outbox.AsNoTracking().Include(o => o.MergedInto).ThenInclude(m => m!.Article).ThenInclude(a => a!.Feed)
            .SingleOrDefaultAsync(o => o.ChannelId == channel.Id && o.ArticleId == article.Id, ct);
        if (row is not null)
        {
            return row.State switch
            {
                OutboxState.Sent => (Verdict.Delivered, row.SentInDigest
                    ? T(language, $"delivered in a digest at {row.SentAt:u}", $"已于 {row.SentAt:u} 随汇总发送")
                    : T(language, $"delivered at {row.SentAt:u} (message {row.PlatformMessageId})", $"已于 {row.SentAt:u} 发送（消息 {row.PlatformMessageId}）")),
                OutboxState.Digest => (Verdict.Waiting, T(language, "waiting for this channel's next digest", "等待本频道的下一次汇总")),
                OutboxState.Pending when row.LastError is not null => (Verdict.Waiting,
                    T(language, $"waiting: attempt {row.Attempts} failed ({row.LastError}); next try at {row.NextAttemptAt:u}", $"等待中：第 {row.Attempts} 次发送失败（{row.LastError}），下次尝试 {row.NextAttemptAt:u}")),
                OutboxState.Pending => (Verdict.Waiting, T(language, "waiting to be sent", "等待发送")),
                OutboxState.Failed => (Verdict.Failed, T(language, $"the platform refused it: {row.LastError}", $"平台拒绝了它：{row.LastError}")),
                OutboxState.Merged when row.MergedInto?.Article is { } into => (Verdict.Merged,
                    T(language, $"the same story from {into.Feed?.Title ?? into.Feed?.Url} (\"{into.Title}\") was posted here instead, with this feed listed as a source",
                        $"同一新闻已由 {into.Feed?.Title ?? into.Feed?.Url}（“{into.Title}”）推送到这里，本订阅源列为来源")),
                _ => (Verdict.Merged, T(language, "merged into another post of the same story", "已并入同一新闻的另一条推送")),
            };
        }

        var feed = article.Feed!;
        if (feed.PrimedAt is { } primed && article.FirstSeenAt <= primed)
        {
            return (Verdict.NotDelivered, T(language,
                $"it was already in the feed when the bot first read it ({primed:u}); items found then are stored silently, never posted",
                $"机器人首次读取该订阅源（{primed:u}）时它已在其中；首次读取到的条目只保存、不推送"));
        }
        if (channel.PausedAt is { } paused && paused <= article.FirstSeenAt)
        {
            return (Verdict.NotDelivered, T(language, $"this channel was paused ({channel.PausedReason ?? "by an admin"}) when it arrived", $"它到达时本频道已暂停（{channel.PausedReason ?? "管理员暂停"}）"));
        }
        var subscriptions = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ChannelId == channel.Id && (s.FeedId == feed.Id || (s.FeedId == null && s.Topic != null)))
            .ToListAsync(ct);
        var direct = subscriptions.Where(s => s.FeedId == feed.Id).ToList();
        var folded = Router.FoldedForFilters(article);
        if (direct.Count == 0)
        {
            var topics = subscriptions.Where(s => s.Topic is not null).ToList();
            var matching = topics.Where(s => ArticleFilter.ParseStored(s.Topic)?.Matches(folded) ?? false).ToList();
            return matching.Count == 0
                ? (Verdict.NotDelivered, T(language,
                    $"this channel does not follow {feed.Title ?? feed.Url}" + (topics.Count == 0 ? "" : ", and none of its topics matches the article"),
                    $"本频道没有订阅 {feed.Title ?? feed.Url}" + (topics.Count == 0 ? "" : "，且没有话题与这篇文章匹配")))
                : Late(matching.Min(s => s.CreatedAt), article, language)
                    ?? (Verdict.NotDelivered, T(language, "a topic matches it now, but routing did not give it a row; it may have arrived while the channel was paused", "现在有话题匹配，但当时未生成推送；可能是在频道暂停期间到达"));
        }
        if (Late(direct.Min(s => s.CreatedAt), article, language) is { } late)
        {
            return late;
        }
        if (direct.All(s => s.PausedAt is { } at && at <= article.FirstSeenAt))
        {
            var since = direct.Min(s => s.PausedAt!.Value);
            return (Verdict.NotDelivered, T(language,
                $"this channel's subscription to {feed.Title ?? feed.Url} was paused ({since:u}) when it arrived",
                $"它到达时本频道对 {feed.Title ?? feed.Url} 的订阅已暂停（{since:u} 起）"));
        }
        var filters = direct.Where(s => s.Filter is not null).ToList();
        if (filters.Count == direct.Count && filters.All(s => !(ArticleFilter.ParseStored(s.Filter)?.Matches(folded) ?? true)))
        {
            return (Verdict.NotDelivered, T(language,
                $"the filter \"{string.Join("\", \"", filters.Select(f => f.Filter))}\" does not match it",
                $"过滤条件“{string.Join("”、“", filters.Select(f => f.Filter))}”与它不匹配"));
        }
        return (Verdict.NotDelivered, T(language,
            "no record says why: the channel was probably paused or unsubscribed when it arrived, and has changed since",
            "没有记录说明原因：它到达时本频道可能处于暂停或未订阅状态，之后又有变化"));
    }

    private static (Verdict, string)? Late(DateTime subscribedAt, Article article, string language) =>
        subscribedAt > article.FirstSeenAt
            ? (Verdict.NotDelivered, T(language,
                $"it arrived ({article.FirstSeenAt:u}) before this channel subscribed ({subscribedAt:u})",
                $"它到达时（{article.FirstSeenAt:u}）本频道尚未订阅（{subscribedAt:u} 订阅）"))
            : null;
}
