using Microsoft.EntityFrameworkCore;
using NewsBot.Feeds;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Polling;

/// <summary>Turns parsed items into article rows, keeping only those this feed has never stored.</summary>
public sealed class ArticleStore(IArticleSummarizer summarizer, TimeProvider time)
{
    /// <summary>Longest article text kept; enough for summaries, topic matching and /news.</summary>
    public const int MaxTextChars = 20_000;

    /// <summary>
    /// Store new, dedupe only: the items of <paramref name="parsed"/> this feed has never stored, oldest first (so posts
    /// reach channels in the order the feed published them). A feed that repeats an item within one document still
    /// yields it once.
    /// </summary>
    public static async Task<List<(string Key, FeedItem Item)>> NewItemsAsync(NewsBotDb db, Feed feed, ParsedFeed parsed, CancellationToken ct)
    {
        var candidates = new Dictionary<string, FeedItem>(StringComparer.Ordinal);
        foreach (var item in parsed.Items)
        {
            candidates.TryAdd(DedupeKey.For(item), item);
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        var keys = candidates.Keys.ToList();
        var known = feed.Id == 0
            ? []
            : await db.Articles.Where(a => a.FeedId == feed.Id && keys.Contains(a.DedupeKey)).Select(a => a.DedupeKey).ToListAsync(ct);
        var knownSet = known.ToHashSet(StringComparer.Ordinal);
        return candidates.Reverse().Where(c => !knownSet.Contains(c.Key)).Select(c => (c.Key, c.Value)).ToList();
    }

    /// <summary>
    /// Normalize: one parsed item as the article row the rest of the bot reads. The parser's text and image are lazy
    /// views over the response; here they are read once, capped, and the title and language settled.
    /// </summary>
    public Article Normalize(Feed feed, string key, FeedItem item)
    {
        var article = Preview(feed, item, time.GetUtcNow().UtcDateTime);
        article.DedupeKey = key;
        article.Language = LanguageDetector.Detect(article.Title + "\n" + article.Text);
        return article;
    }

    /// <summary>
    /// Store new, normalize and add to the context (not saved), in one call for the callers that need no stage between.
    /// When <paramref name="summarize"/> is false (the silent first fetch) the rows keep no summary: they are never posted.
    /// </summary>
    public async Task<List<Article>> AddNewAsync(NewsBotDb db, Feed feed, ParsedFeed parsed, bool summarize, CancellationToken ct)
    {
        var added = (await NewItemsAsync(db, feed, parsed, ct)).Select(n => Normalize(feed, n.Key, n.Item)).ToList();
        db.Articles.AddRange(added);
        if (summarize)
        {
            await SummarizeAsync(added, ct);
        }
        return added;
    }

    /// <summary>An item as an article row, before its key and language: what `/preview` renders with a chat's settings, unstored.</summary>
    public static Article Preview(Feed feed, FeedItem item, DateTime now)
    {
        var title = FirstNonEmpty(item.Title, FirstLine(item.Text), item.Link, "(untitled)");
        return new Article
        {
            Feed = feed,
            DedupeKey = "",
            Url = item.Link,
            Title = title.Length > 1000 ? title[..1000] : title,
            PublishedAt = (item.Published ?? item.Updated)?.UtcDateTime ?? now,
            FirstSeenAt = now,
            Author = item.Author?.Name,
            Text = item.Text.Length > MaxTextChars ? item.Text[..MaxTextChars] : item.Text,
            ImageUrl = item.Image,
            Categories = Categories(item.Categories),
            Media = NewsBot.Display.ArticleMedia.ToJson(item.Images, item.Enclosures),
        };
    }

    private static string? Categories(IReadOnlyList<string> categories)
    {
        var kept = categories.Select(c => c.Trim()).Where(c => c.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
        return kept.Count == 0 ? null : string.Join('\n', kept);
    }

    private static string FirstNonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!.Trim();

    private static string? FirstLine(string text)
    {
        var line = text.AsSpan().TrimStart();
        var end = line.IndexOf('\n');
        var first = (end < 0 ? line : line[..end]).Trim();
        return first.Length == 0 ? null : first.Length > 120 ? string.Concat(first[..119], "…") : first.ToString();
    }

    /// <summary>Summarizes the articles someone receives; the rest keep no summary (a command that shows one makes it then).</summary>
    public async Task SummarizeAsync(IEnumerable<Article> articles, CancellationToken ct)
    {
        foreach (var article in articles.Where(a => a.Summary is null))
        {
            article.Summary = await summarizer.SummarizeAsync(article.Title, article.PageText ?? article.Text ?? "", ct);
        }
    }
}
