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
    /// Adds the new items of <paramref name="parsed"/> to the context (not saved). When <paramref name="summarize"/>
    /// is false (the silent first fetch) the rows are stored without a summary: they are never posted.
    /// </summary>
    public async Task<List<Article>> AddNewAsync(NewsBotDb db, Feed feed, ParsedFeed parsed, bool summarize, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = new Dictionary<string, FeedItem>(StringComparer.Ordinal);
        foreach (var item in parsed.Items)
        {
            // A feed that repeats an item within one document still yields one article.
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

        var added = new List<Article>();
        // Oldest first, so posts reach channels in the order the feed published them.
        foreach (var (key, item) in candidates.Reverse())
        {
            if (knownSet.Contains(key))
            {
                continue;
            }
            var text = item.Text.Length > MaxTextChars ? item.Text[..MaxTextChars] : item.Text;
            var title = FirstNonEmpty(item.Title, FirstLine(text), item.Link, "(untitled)");
            var article = new Article
            {
                Feed = feed,
                DedupeKey = key,
                Url = item.Link,
                Title = title.Length > 1000 ? title[..1000] : title,
                PublishedAt = (item.Published ?? item.Updated)?.UtcDateTime ?? now,
                FirstSeenAt = now,
                Author = item.Author?.Name,
                Text = text,
                ImageUrl = item.Image,
                Language = LanguageDetector.Detect(title + "\n" + text),
            };
            if (summarize)
            {
                article.Summary = await summarizer.SummarizeAsync(item.Title, text, ct);
            }
            db.Articles.Add(article);
            added.Add(article);
        }
        return added;
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
            article.Summary = await summarizer.SummarizeAsync(article.Title, article.Text ?? "", ct);
        }
    }
}
