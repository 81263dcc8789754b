using Microsoft.EntityFrameworkCore;
using NewsBot.Commands;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.FullText;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Cli;

/// <summary>
/// `preview [--json] [--base-url URL] [--channel platform:id] &lt;file-or-url&gt;...`: fetch or read, parse, summarize, print.
/// With --channel, each item also says whether that channel would merge it into a post of the same story it already got
/// from another feed. Never writes to the database.
/// </summary>
public static class PreviewCommand
{
    private const string Usage = "usage: preview [--json] [--base-url URL] [--channel platform:id] [--full-text auto|always|never] <file-or-url>...";

    /// <summary>A file larger than this is refused rather than read into memory.</summary>
    private const long MaxFileBytes = 64L * 1024 * 1024;

    /// <returns>0 when every input parsed, 1 when any failed, 2 for a usage error.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        bool json = false;
        Uri? baseUrl = null;
        ChannelRef? channel = null;
        FullTextMode? fullText = null;
        var inputs = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--json")
            {
                json = true;
            }
            else if (a == "--base-url")
            {
                if (i + 1 >= args.Count || !Uri.TryCreate(args[i + 1], UriKind.Absolute, out baseUrl))
                {
                    await stdout.WriteLineAsync($"preview: --base-url needs an absolute URL. {Usage}");
                    return 2;
                }
                i++;
            }
            else if (a == "--channel")
            {
                string channelError = "missing";
                if (i + 1 >= args.Count || !ChannelRef.TryParse(args[i + 1], out var parsed, out channelError))
                {
                    await stdout.WriteLineAsync($"preview: --channel needs platform:id ({channelError}). {Usage}");
                    return 2;
                }
                channel = parsed;
                i++;
            }
            else if (a == "--full-text")
            {
                if (i + 1 >= args.Count || !FullTextModes.TryParse(args[i + 1], out var mode))
                {
                    await stdout.WriteLineAsync($"preview: --full-text needs auto, always or never. {Usage}");
                    return 2;
                }
                fullText = mode;
                i++;
            }
            else if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                await stdout.WriteLineAsync($"preview: unknown option {a}. {Usage}");
                return 2;
            }
            else
            {
                inputs.Add(a);
            }
        }
        if (inputs.Count == 0)
        {
            await stdout.WriteLineAsync($"preview: nothing to preview. {Usage}");
            return 2;
        }

        long? channelId = null;
        if (channel is not null)
        {
            var (id, problem) = await ChannelIdAsync(services, channel, ct);
            if (id is null)
            {
                await stdout.WriteLineAsync($"preview: {problem}");
                return 2;
            }
            channelId = id;
        }

        var summarizer = services.GetRequiredService<IArticleSummarizer>();
        bool allOk = true;
        foreach (string input in inputs)
        {
            ct.ThrowIfCancellationRequested();
            // A feed from the web is read the way the bot reads it (auto); a file is offline unless --full-text asks.
            var mode = fullText ?? (IsWebUrl(input) ? FullTextMode.Auto : FullTextMode.Never);
            var outcome = await PreviewOneAsync(input, baseUrl, services, summarizer, mode, ct);
            if (channelId is { } cid && outcome.Feed is { } parsedFeed)
            {
                outcome = outcome with
                {
                    Merges = await MergesAsync(services, cid, input, parsedFeed, ct),
                    Rendered = await RenderedAsync(services, channel!, input, parsedFeed, outcome, ct),
                };
            }
            allOk &= outcome.Feed is not null;
            if (json)
                await stdout.WriteLineAsync(PreviewJson.Line(input, outcome));
            else
                await stdout.WriteAsync(PreviewText.Render(input, outcome));
            await stdout.FlushAsync(ct);
        }
        return allOk ? 0 : 1;
    }

    private static bool IsWebUrl(string input) => Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    private static async Task<PreviewOutcome> PreviewOneAsync(
        string input, Uri? baseUrl, IServiceProvider services, IArticleSummarizer summarizer, FullTextMode mode, CancellationToken ct)
    {
        ParsedFeed feed;
        try
        {
            var (body, contentType, documentUrl, error) = await LoadAsync(input, baseUrl, services, ct);
            if (error is not null)
                return PreviewOutcome.Failed(error);
            if (!FeedParser.TryParse(body, contentType, documentUrl, out var parsed, out string? notAFeed))
                return PreviewOutcome.Failed(notAFeed);
            feed = parsed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // One bad input never stops the others; the line says what went wrong.
            return PreviewOutcome.Failed($"{e.GetType().Name}: {OneLine(e.Message)}");
        }

        // The items as the bot would store them, so the full-text step runs exactly as in a refresh (not saved anywhere).
        var pages = feed.Items.Select(item => new Article { DedupeKey = "", Title = item.Title ?? "", Url = item.Link, Text = item.Text, ImageUrl = item.Image }).ToList();
        await services.GetRequiredService<FullTextFetch>().ApplyAsync(mode, pages, ct);
        var summaries = new string?[feed.Items.Count];
        for (int i = 0; i < feed.Items.Count; i++)
        {
            var item = feed.Items[i];
            try
            {
                summaries[i] = await summarizer.SummarizeAsync(item.Title, pages[i].PageText ?? item.Text, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception)
            {
                summaries[i] = null; // a summarizer failure leaves the rest of the preview intact
            }
        }
        return new PreviewOutcome(feed, summaries, null) { Pages = pages };
    }

    private static async Task<(byte[] Body, string? ContentType, Uri? DocumentUrl, string? Error)> LoadAsync(string input, Uri? baseUrl, IServiceProvider services, CancellationToken ct)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var fetcher = services.GetRequiredService<FeedFetcher>();
            var result = await fetcher.FetchAsync(new FetchRequest(url), ct);
            if (result.Status != FetchStatus.Ok || result.Body is null)
                return ([], null, null, result.Error ?? $"fetch failed ({result.Status}, HTTP {result.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})");
            return (result.Body, result.ContentType, result.FinalUrl, null);
        }
        var file = new FileInfo(input);
        if (!file.Exists)
            return ([], null, null, $"no such file: {input}");
        if (file.Length > MaxFileBytes)
            return ([], null, null, $"file too large: {file.Length} bytes (limit {MaxFileBytes})");
        var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
        return (bytes, null, baseUrl, null);
    }

    private static async Task<(long? Id, string Problem)> ChannelIdAsync(IServiceProvider services, ChannelRef channel, CancellationToken ct)
    {
        try
        {
            await using var db = services.GetRequiredService<DbFactory>().Create();
            var id = await db.Channels.AsNoTracking()
                .Where(c => c.Platform == channel.Platform && c.ExternalId == channel.ExternalId && c.ThreadId == channel.ThreadId)
                .Select(c => (long?)c.Id).SingleOrDefaultAsync(ct);
            return id is null ? (null, $"no channel {channel.Platform}:{channel.ExternalId} in the database; subscribe it to a feed first") : (id, "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"cannot read the database for --channel ({OneLine(e.Message)}); run the bot once so it creates it");
        }
    }

    /// <summary>Each item as the channel would read it: its platform's rendering with its display settings, time zone and language.</summary>
    private static async Task<IReadOnlyList<string>> RenderedAsync(IServiceProvider services, ChannelRef channel, string input, ParsedFeed feed, PreviewOutcome outcome, CancellationToken ct)
    {
        var (display, zone, language) = await Delivery.PostDisplays.ForFeedAsync(services.GetRequiredService<DbFactory>(), channel, input, ct);
        var source = new Feed { Url = input, Title = feed.Title, SiteLink = feed.Link };
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return feed.Items.Select((item, i) =>
        {
            var article = ArticleStore.Preview(source, item, now);
            article.Summary = i < outcome.Summaries.Count ? outcome.Summaries[i] : null;
            article.PageText = outcome.Pages is { } pages && i < pages.Count ? pages[i].PageText : null;
            return ChannelRendering.Visible(channel.Platform, Delivery.PostFactory.From(article, channelLanguage: language, display: display), Digests.TimeZones.Find(zone));
        }).ToList();
    }

    /// <summary>What routing would do with each item in that channel now: merge into a post of the same story, or post it.</summary>
    private static async Task<IReadOnlyList<Router.WouldMerge?>> MergesAsync(IServiceProvider services, long channelId, string input, ParsedFeed feed, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<DbFactory>().Create();
        var feedId = await db.Feeds.AsNoTracking().Where(f => f.Url == input).Select(f => (long?)f.Id).SingleOrDefaultAsync(ct);
        var items = feed.Items.Select(i => (i.Title ?? i.Link ?? "(untitled)", (string?)i.Text)).ToList();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return await Router.WouldMergeAsync(db, channelId, feedId, items, now, ct);
    }

    private static string OneLine(string s)
    {
        int nl = s.IndexOfAny(['\r', '\n']);
        return nl < 0 ? s : s[..nl];
    }
}

/// <summary>What previewing one input produced: a feed with one summary per item, or an error line.</summary>
internal sealed record PreviewOutcome(ParsedFeed? Feed, IReadOnlyList<string?> Summaries, string? Error)
{
    /// <summary>With --channel: per item, the post it would be merged into, or null; without it, null.</summary>
    public IReadOnlyList<Router.WouldMerge?>? Merges { get; init; }

    /// <summary>With --channel: per item, the post as that channel would read it.</summary>
    public IReadOnlyList<string>? Rendered { get; init; }

    /// <summary>Per item, what the full-text step did: the page fetched (PageUrl), used (PageText) or why not (PageNote).</summary>
    public IReadOnlyList<Article>? Pages { get; init; }

    public static PreviewOutcome Failed(string error) => new(null, [], error);
}
