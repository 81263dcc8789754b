using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Commands;

/// <summary>
/// `/news &lt;topic or keywords&gt;`: the latest matching stories from every feed the bot polls, one entry per story.
/// Articles stored without a summary (a feed's silent first fetch) are summarized now, once, and kept.
/// </summary>
public sealed class NewsCommand(DbFactory dbs, IArticleSummarizer summarizer, TimeProvider time)
{
    public const int MaxResults = 5;

    /// <summary>How far back and how many recent articles a query scans; enough for "the latest", cheap on SQLite.</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(7);
    private const int ScanLimit = 3000;
    private const int MatchChars = 2000;

    public async Task<CommandReply> HandleAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        if (arguments.Length == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, "Usage: /news <topic or keywords>, e.g. /news climate or /news 人工智能", "用法：/news <话题或关键词>，例如 /news 人工智能"), Private: true);
        }
        if (!ArticleFilter.TryParse(arguments, out var query, out var error))
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Cannot search for that: {error}", $"无法搜索：{error}"), Private: true);
        }
        var found = await SearchAsync(query, ct);
        if (found.Count == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Nothing about {query.Source} in the last {Lookback.Days} days.", $"最近 {Lookback.Days} 天没有关于 {query.Source} 的新闻。"));
        }
        return new CommandReply(Texts.Pick(ctx.Language, $"Latest on {query.Source}:", $"关于 {query.Source} 的最新消息："), Articles: found);
    }

    public async Task<List<ReplyArticle>> SearchAsync(ArticleFilter query, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - Lookback;
        await using var db = dbs.Create();
        var candidates = await db.Articles
            .Where(a => !a.IsTombstone && a.FirstSeenAt >= since)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(ScanLimit)
            .Select(a => new { a.Id, a.Title, a.Summary, a.StoryHash, Text = a.Text == null ? null : a.Text.Substring(0, MatchChars) })
            .ToListAsync(ct);

        var picked = new List<(long Id, long? Hash)>();
        foreach (var c in candidates)
        {
            if (!query.Matches(c.Title, c.Text ?? c.Summary))
            {
                continue;
            }
            var hash = c.StoryHash ?? StoryHash.Of(c.Title, c.Summary ?? c.Text);
            // The same wire story from three feeds is one answer, not three.
            if (picked.Any(p => StoryHash.SameStory(p.Hash, hash)))
            {
                continue;
            }
            picked.Add((c.Id, hash));
            if (picked.Count == MaxResults)
            {
                break;
            }
        }
        var ids = picked.Select(p => p.Id).ToList();
        var articles = await db.Articles.Include(a => a.Feed).Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        foreach (var article in articles.Where(a => string.IsNullOrWhiteSpace(a.Summary)))
        {
            article.Summary = await summarizer.SummarizeAsync(article.Title, article.Text ?? "", ct);
        }
        await db.SaveChangesAsync(ct);
        return ids.Select(id => articles.Single(a => a.Id == id))
            .Select(a => new ReplyArticle(a.Title, a.Url, a.Summary ?? "", StorySources.SourceName(a.Feed?.Title, a.Feed?.Url ?? ""), a.PublishedAt))
            .ToList();
    }
}
