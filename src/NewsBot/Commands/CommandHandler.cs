using System.Globalization;
using NewsBot.Delivery;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.FullText;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.Commands;

/// <summary>
/// What every chat command does, once, for every platform. Telegram and Discord only parse the command into
/// (name, arguments, context) and render the <see cref="CommandReply"/>.
/// </summary>
/// <remarks>Topic, news, digest and OPML commands come from their own classes; without them (a bare construction in a
/// test) those commands answer that they are not available here.</remarks>
public sealed class CommandHandler(
    SubscriptionService subscriptions,
    FeedFetcher fetcher,
    IArticleSummarizer summarizer,
    TimeProvider time,
    TopicCommand? topics = null,
    NewsCommand? news = null,
    DigestCommand? digests = null,
    OpmlChatCommand? opml = null,
    SetCommand? settings = null)
{
    /// <summary>Commands that change what a chat receives; in groups only administrators may run them.</summary>
    public static readonly IReadOnlySet<string> Changing = new HashSet<string>(StringComparer.Ordinal) { "subscribe", "unsubscribe", "topic", "digest", "set" };

    public async Task<CommandReply> HandleAsync(CommandContext ctx, string command, string arguments, CancellationToken ct)
    {
        command = command.Trim().TrimStart('/').ToLowerInvariant();
        arguments = arguments.Trim();
        if (Changing.Contains(command) && !ctx.IsAdmin && !IsReadOnlyUse(command, arguments))
        {
            return new CommandReply(Texts.AdminsOnly(ctx.Language), Private: true);
        }
        return command switch
        {
            "start" or "help" => new CommandReply(Texts.Help(ctx.Language), Private: true),
            "subscribe" => await SubscribeAsync(ctx, arguments, ct),
            "unsubscribe" => await UnsubscribeAsync(ctx, arguments, ct),
            "list" => await ListAsync(ctx, ct),
            "status" => await StatusAsync(ctx, ct),
            "preview" => await PreviewAsync(ctx, arguments, ct),
            "topic" when topics is not null => await topics.HandleAsync(ctx, arguments, ct),
            "topics" when topics is not null => await topics.HandleAsync(ctx, "list", ct),
            "news" when news is not null => await news.HandleAsync(ctx, arguments, ct),
            "digest" when digests is not null => await digests.HandleAsync(ctx, arguments, ct),
            "opml" when opml is not null => await opml.HandleAsync(ctx, arguments, ct),
            "set" when settings is not null => await settings.HandleAsync(ctx, arguments, ct),
            _ => new CommandReply(Texts.Unknown(ctx.Language, command), Private: true),
        };
    }

    /// <summary>`/topic list` only reads, so anyone may use it.</summary>
    private static bool IsReadOnlyUse(string command, string arguments) =>
        (command == "topic" && (arguments.Length == 0 || arguments.StartsWith("list", StringComparison.OrdinalIgnoreCase)))
        || (command == "digest" && arguments.Length == 0)
        || (command == "set" && arguments.Length == 0);

    private async Task<CommandReply> SubscribeAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        var (url, filter) = SplitFirst(arguments);
        var (fullText, fullTextProblem) = TakeFullText(ref filter);
        if (fullTextProblem is not null)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Could not subscribe: {fullTextProblem}", $"无法订阅：{fullTextProblem}"), Private: true);
        }
        if (url.Length == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, "Usage: /subscribe <feed url> [filter]", "用法：/subscribe <订阅源网址> [过滤词]"), Private: true);
        }
        var result = await subscriptions.SubscribeAsync(new SubscribeRequest(ctx.Channel, url, filter.Length == 0 ? null : filter, FullText: fullText), ct);
        if (!result.Ok)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Could not subscribe: {result.Message}", $"无法订阅：{result.Message}"));
        }
        var title = result.FeedTitle ?? result.FeedUrl!;
        var text = result.AlreadySubscribed
            ? Texts.Pick(ctx.Language, $"Already subscribed to {title}; settings updated.", $"已经订阅了 {title}，设置已更新。")
            : Texts.Pick(ctx.Language,
                $"Subscribed to {title} ({result.ItemCount} items now). New articles will be posted here.",
                $"已订阅 {title}（当前 {result.ItemCount} 条）。新文章会推送到这里。");
        if (filter.Length > 0)
        {
            text += Texts.Pick(ctx.Language, $"\nFilter: {filter}", $"\n过滤：{filter}");
        }
        return new CommandReply(text);
    }

    private async Task<CommandReply> UnsubscribeAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        if (arguments.Length == 0)
        {
            var mine = await subscriptions.ListAsync(ctx.Channel, ct);
            if (mine.Count == 0)
            {
                return new CommandReply(Texts.Pick(ctx.Language, "This chat has no subscriptions.", "本聊天还没有订阅。"), Private: true);
            }
            return new CommandReply(
                Texts.Pick(ctx.Language, "Which feed should this chat stop following?", "要取消哪个订阅？"),
                mine.Select(s => new ReplyChoice(Shorten(s.FeedTitle ?? s.FeedUrl, 60), $"unsubscribe {s.FeedId}")).ToList(),
                Private: true);
        }
        var result = await subscriptions.UnsubscribeAsync(ctx.Channel, arguments, ct);
        return new CommandReply(result.Ok
            ? Texts.Pick(ctx.Language, $"Unsubscribed from {result.FeedTitle}.", $"已取消订阅 {result.FeedTitle}。")
            : Texts.Pick(ctx.Language, $"No subscription matches '{Shorten(arguments, 80)}'. See /list.", $"没有找到与“{Shorten(arguments, 80)}”匹配的订阅。发送 /list 查看。"));
    }

    private async Task<CommandReply> ListAsync(CommandContext ctx, CancellationToken ct)
    {
        var mine = await subscriptions.ListAsync(ctx.Channel, ct);
        if (mine.Count == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, "This chat has no subscriptions. Add one with /subscribe <feed url>.", "本聊天还没有订阅。用 /subscribe <订阅源网址> 添加。"));
        }
        var lines = mine.Select((s, i) =>
            $"{i + 1}. {s.FeedTitle ?? s.FeedUrl} — {s.FeedUrl}" +
            (s.Filter is null ? "" : Texts.Pick(ctx.Language, $" (filter: {s.Filter})", $"（过滤：{s.Filter}）")) +
            (s.Mode == DeliveryMode.Digest ? Texts.Pick(ctx.Language, " [digest]", " [汇总]") : "") +
            (s.PausedAt is null ? "" : Texts.Pick(ctx.Language, " [paused in the web panel]", " [已在网页面板中暂停]")));
        return new CommandReply(Texts.Pick(ctx.Language, "This chat follows:", "本聊天订阅了：") + "\n" + string.Join("\n", lines));
    }

    private async Task<CommandReply> StatusAsync(CommandContext ctx, CancellationToken ct)
    {
        var mine = await subscriptions.ListAsync(ctx.Channel, ct);
        if (mine.Count == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, "This chat has no subscriptions.", "本聊天还没有订阅。"));
        }
        var now = time.GetUtcNow().UtcDateTime;
        var lines = mine.Select(s =>
        {
            var name = s.FeedTitle ?? s.FeedUrl;
            if (s.DisabledAt is not null)
            {
                return Texts.Pick(ctx.Language, $"⛔ {name}: disabled after failing for days ({s.LastError})", $"⛔ {name}：连续多日失败，已停用（{s.LastError}）");
            }
            if (s.LastError is not null)
            {
                return Texts.Pick(ctx.Language, $"⚠️ {name}: {s.LastError}", $"⚠️ {name}：{s.LastError}");
            }
            var ago = s.LastSuccessAt is { } ok ? Ago(now - ok, ctx.Language) : Texts.Pick(ctx.Language, "not checked yet", "尚未检查");
            return Texts.Pick(ctx.Language, $"✅ {name}: ok, checked {ago}", $"✅ {name}：正常，{ago}检查");
        }).ToList();
        if (await subscriptions.MergesAsync(ctx.Channel, now, latest: 5, ct) is { } merges)
        {
            lines.AddRange(MergeLines(merges, ctx.Language));
        }
        return new CommandReply(string.Join("\n", lines));
    }

    /// <summary>Why fewer posts than articles: each merged article, the post it joined, and whether that post names its feed.</summary>
    private static IEnumerable<string> MergeLines(MergeReport.Summary merges, string language)
    {
        yield return Texts.Pick(language,
            $"🔀 Same story from another feed, merged into one post in the last day: {merges.Count}",
            $"🔀 过去一天内因与其他来源为同一新闻而合并：{merges.Count} 条");
        foreach (var m in merges.Latest)
        {
            var into = Shorten(m.Into, 80);
            yield return m.NotShownBecause is { } why
                ? Texts.Pick(language, $"  • {m.From} → \"{into}\" ({m.IntoFeed}); source not added: {why}", $"  • {m.From} → “{into}”（{m.IntoFeed}）；未能添加来源：{why}")
                : m.Shown
                    ? Texts.Pick(language, $"  • {m.From} → \"{into}\" ({m.IntoFeed}), listed as a source", $"  • {m.From} → “{into}”（{m.IntoFeed}），已列为来源")
                    : Texts.Pick(language, $"  • {m.From} → \"{into}\" ({m.IntoFeed}), source listed when it is posted", $"  • {m.From} → “{into}”（{m.IntoFeed}），发送时列为来源");
        }
        if (merges.Count > merges.Latest.Count)
        {
            yield return Texts.Pick(language, $"  … and {merges.Count - merges.Latest.Count} more", $"  … 另有 {merges.Count - merges.Latest.Count} 条");
        }
    }

    private async Task<CommandReply> PreviewAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        if (!FeedUrl.TryParse(arguments, out var url, out var error))
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Usage: /preview <feed url> ({error})", $"用法：/preview <订阅源网址>（{error}）"), Private: true);
        }
        var fetched = await fetcher.FetchAsync(new FetchRequest(url), ct);
        if (fetched.Status != FetchStatus.Ok)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Could not fetch {url}: {fetched.Error}", $"无法获取 {url}：{fetched.Error}"), Private: true);
        }
        if (!FeedParser.TryParse(fetched.Body, fetched.ContentType, fetched.DocumentBase, out var feed, out string? notAFeed))
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"{url} is not a feed I can read: {notAFeed}", $"{url} 不是可读取的订阅源：{notAFeed}"), Private: true);
        }
        var (display, zone, language) = await subscriptions.DisplayForAsync(ctx.Channel, url.AbsoluteUri, ct);
        var source = new Feed { Url = url.AbsoluteUri, Title = feed.Title, SiteLink = feed.Link };
        var posts = new List<Post>();
        foreach (var item in feed.Items.Take(3))
        {
            var article = ArticleStore.Preview(source, item, time.GetUtcNow().UtcDateTime);
            article.Summary = await summarizer.SummarizeAsync(article.Title, article.Text ?? "", ct);
            posts.Add(PostFactory.From(article, channelLanguage: language, display: display));
        }
        var header = Texts.Pick(ctx.Language, $"{feed.Title ?? url.Host}: {feed.Items.Count} items. With this chat's settings the latest would look like this:",
            $"{feed.Title ?? url.Host}：共 {feed.Items.Count} 条。按本聊天的设置，最新几条会是这样：");
        return new CommandReply(header, Private: true) { PostList = posts, PostZone = zone };
    }

    /// <summary>A `fulltext:always` (auto, never) word anywhere among the filter's words: the feed's full-text mode, not a keyword.</summary>
    internal static (FullTextMode? Mode, string? Problem) TakeFullText(ref string filter)
    {
        var words = filter.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var option = words.FirstOrDefault(w => w.StartsWith("fulltext:", StringComparison.OrdinalIgnoreCase));
        if (option is null)
        {
            return (null, null);
        }
        filter = string.Join(' ', words.Where(w => !ReferenceEquals(w, option)));
        return FullTextModes.TryParse(option["fulltext:".Length..], out var mode)
            ? (mode, null)
            : (null, $"'{option}' is not a full-text mode; use fulltext:auto, fulltext:always or fulltext:never");
    }

    internal static (string First, string Remainder) SplitFirst(string arguments)
    {
        var text = arguments.Trim();
        var space = text.IndexOfAny([' ', '\n', '\t']);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    private static string Shorten(string s, int max) => s.Length > max ? s[..(max - 1)] + "…" : s;

    private static string Ago(TimeSpan span, string language)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return Texts.Pick(language, "just now", "刚刚");
        }
        if (span < TimeSpan.FromHours(1))
        {
            var m = ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            return Texts.Pick(language, $"{m} min ago", $"{m} 分钟前");
        }
        var h = ((int)span.TotalHours).ToString(CultureInfo.InvariantCulture);
        return Texts.Pick(language, $"{h} h ago", $"{h} 小时前");
    }
}
