using System.Globalization;
using NewsBot.Feeds;
using NewsBot.Feeds.FullText;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Polling;

/// <summary>
/// The full-text step of a refresh: the teasers someone receives are read from their article pages, all of them within
/// one Feeds:FullTextTimeout, before they are summarized. Whatever fails, is late, or is worse than the feed's own text
/// leaves the article as the feed gave it, with the reason kept on the row and logged: the post still goes out once.
/// </summary>
public sealed class FullTextFetch(ArticlePageReader pages, FeedsOptions options, TimeProvider time, ILogger<FullTextFetch> logger)
{
    /// <summary>A page whose text shares less of the headline than this is some other page (a cookie wall, a front page).</summary>
    internal const double MinTitleOverlap = 0.3;

    /// <param name="mode">The feed's full-text mode (or preview's --full-text).</param>
    /// <param name="articles">Distinct articles, so an article 20 channels receive is fetched once.</param>
    public async Task ApplyAsync(FullTextMode mode, IEnumerable<Article> articles, CancellationToken ct)
    {
        var wanted = articles
            .Where(a => a.PageText is null && a.PageNote is null && FullTextModes.Wants(mode, a.Text, options.FullTextMinChars))
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(options.FullTextTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.FullTextConcurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(wanted, parallel, async (article, _) =>
        {
            PageRead read;
            try
            {
                read = await pages.ReadAsync(article.Url, options.FullTextTimeout - time.GetElapsedTime(started), linked.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The refresh's deadline passed, during the fetch or while queued behind other pages of the same host.
                read = new PageRead(Uri.TryCreate(article.Url, UriKind.Absolute, out var asked) ? asked : new Uri("about:blank"), "", null,
                    $"timed out: the page did not arrive within {options.FullTextTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (Feeds:FullTextTimeout)");
            }
            Use(article, read);
            if (article.PageNote is { } note)
            {
                logger.LogInformation("Full text of {Link} not used, summarizing the feed's text: {Reason}", article.Url, note);
            }
        });
        logger.LogDebug("{Count} article pages read in {Ms:F0} ms", wanted.Count, time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Keeps the page's text only when it is the article and says more than the feed did; its image when the feed had none.</summary>
    internal static void Use(Article article, PageRead read)
    {
        if (read.PageUrl.Scheme is "http" or "https")
        {
            article.PageUrl = Cap(read.PageUrl.AbsoluteUri, 2048);
        }
        if (read.Problem is null && article.ImageUrl is null && read.Image is not null)
        {
            article.ImageUrl = read.Image;
        }
        var feedChars = article.Text?.Trim().Length ?? 0;
        article.PageNote = read.Problem switch
        {
            { } problem => problem,
            _ when read.Text.Length <= feedChars
                => $"the page has no more text than the feed ({read.Text.Length} against {feedChars} characters)",
            _ when !string.IsNullOrWhiteSpace(article.Title) && Rouge.Rouge1(article.Title, read.Text).Precision < MinTitleOverlap
                => "the page's text does not mention the item's headline",
            _ => null,
        };
        if (article.PageNote is null)
        {
            article.PageText = Cap(read.Text, ArticleStore.MaxTextChars);
        }
        else
        {
            article.PageNote = Cap(article.PageNote, 500);
        }
    }

    private static string Cap(string value, int max) => value.Length <= max ? value : value[..max];
}
