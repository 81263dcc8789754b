using NewsBot.Display;
using NewsBot.Feeds.FullText;
using NewsBot.Polling;
using NewsBot.Summaries;

namespace NewsBot.Commands;

/// <summary>
/// `/set` shows this chat's settings; `/set language &lt;tag|off&gt;` picks the summaries' language;
/// `/set fulltext &lt;auto|always|never&gt; [feed]` says when a feed's items are read from their pages.
/// </summary>
public sealed class SetCommand(SubscriptionService subscriptions, SummaryTranslations translations, IEnumerable<IForumTags> forumTags)
{
    public async Task<CommandReply> HandleAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        var (what, rest) = CommandHandler.SplitFirst(arguments);
        return what.ToLowerInvariant() switch
        {
            "" => await ShowAsync(ctx, ct),
            "language" or "lang" or "语言" => await LanguageAsync(ctx, rest, ct),
            "fulltext" or "full-text" or "全文" => await FullTextAsync(ctx, rest, ct),
            "default" or "默认" => await DisplayAsync(ctx, null, rest, ct),
            _ when DisplayOptions.IsOption(what) => await DisplayAsync(ctx, "", arguments, ct),
            _ when rest.Length > 0 && DisplayOptions.IsOption(CommandHandler.SplitFirst(rest).Item1) => await DisplayAsync(ctx, what, rest, ct),
            _ => new CommandReply(Usage(ctx.Language), Private: true),
        };
    }

    /// <param name="feed">The feed whose subscription changes ("" for the chat's only one), or null for the chat's defaults.</param>
    private async Task<CommandReply> DisplayAsync(CommandContext ctx, string? feed, string arguments, CancellationToken ct)
    {
        var (option, value) = CommandHandler.SplitFirst(arguments);
        option = option.ToLowerInvariant();
        if (!DisplayOptions.IsOption(option) || value.Length == 0)
        {
            return new CommandReply(Usage(ctx.Language), Private: true);
        }
        if (option is "mention" or "tags" && ctx.Channel.Platform != NewsBot.Storage.Platforms.Discord)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"{option} is for Discord channels.", $"{option} 仅用于 Discord 频道。"), Private: true);
        }
        var tags = option == "tags" && !value.Equals("reset", StringComparison.OrdinalIgnoreCase) ? await TagsOfAsync(ctx.Channel, ct) : null;
        var (name, problem) = await subscriptions.ChangeDisplayAsync(ctx.Channel, feed, old =>
            DisplayOptions.TryApply(old, option, value, tags, out var changed, out var error) ? (changed, "") : (null, error), ct);
        if (name is null)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Not saved: {problem}", $"未保存：{problem}"), Private: true);
        }
        var what = name.Length == 0 ? Texts.Pick(ctx.Language, "every feed of this chat (unless a feed sets its own)", "本聊天的所有订阅源（各订阅源自己的设置优先）") : name;
        var note = option == "preview" && ctx.Channel.Platform == NewsBot.Storage.Platforms.Discord
            ? Texts.Pick(ctx.Language, " Discord posts are embeds, so this applies to Telegram only.", " Discord 的帖子是嵌入卡片，此项只对 Telegram 生效。")
            : "";
        return new CommandReply(Texts.Pick(ctx.Language, $"Saved {option} for {what}.{note} /preview <url> shows how a post will look.",
            $"已为{what}保存 {option}。{note}用 /preview <网址> 查看帖子效果。"));
    }

    private async Task<IReadOnlyList<(string Id, string Name)>?> TagsOfAsync(ChannelRef channel, CancellationToken ct)
    {
        foreach (var source in forumTags)
        {
            if (await source.OfAsync(channel, ct) is { } tags)
            {
                return tags;
            }
        }
        return null;
    }

    private static string Usage(string language) => Texts.Pick(language,
        "Usage: /set (shows the settings) · /set language <en|zh-Hans|zh-Hant|…|off> · /set fulltext <auto|always|never> [feed] · "
        + "/set [feed|default] <option> <value>, options: format <compact|full|title-only|template>, media <on|off|only>, preview <on|off>, "
        + "silent <on|off>, title <name>, summary <length>, mention <@role…> [filter], tags <tag,…> [filter]; value reset unsets",
        "用法：/set（查看设置）· /set language <en|zh-Hans|zh-Hant|…|off> · /set fulltext <auto|always|never> [订阅源] · "
        + "/set [订阅源|default] <选项> <值>，选项：format <compact|full|title-only|模板>、media <on|off|only>、preview <on|off>、"
        + "silent <on|off>、title <名称>、summary <长度>、mention <@角色…> [过滤]、tags <标签,…> [过滤]；值 reset 取消设置");

    private async Task<CommandReply> ShowAsync(CommandContext ctx, CancellationToken ct)
    {
        var settings = await subscriptions.SettingsAsync(ctx.Channel, ct);
        var lines = new List<string>
        {
            Texts.Pick(ctx.Language, "Settings of this chat:", "本聊天的设置："),
            settings.SummaryLanguage is { } tag
                ? Texts.Pick(ctx.Language, $"• language: {tag} ({SummaryLanguages.Name(tag)})", $"• 语言：{tag}（{SummaryLanguages.Name(tag)}）")
                : Texts.Pick(ctx.Language, "• language: each article's own", "• 语言：与文章相同"),
        };
        foreach (var (_, name, mode) in settings.Feeds)
        {
            lines.Add(Texts.Pick(ctx.Language, $"• full text of {name}: {FullTextModes.Name(mode)}", $"• {name} 的全文：{FullTextModes.Name(mode)}"));
        }
        var defaults = DisplayOptions.Describe(settings.Defaults).ToList();
        lines.Add(Texts.Pick(ctx.Language, "• display (default): ", "• 显示（默认）：") + (defaults.Count == 0 ? "full, media on, preview on, silent off" : string.Join(" · ", defaults)));
        foreach (var (id, name, display) in settings.Displays)
        {
            if (!display.IsEmpty)
            {
                lines.Add($"• {name} (#{id}): {string.Join(" · ", DisplayOptions.Describe(display))}");
            }
        }
        lines.Add(Usage(ctx.Language));
        var choices = new List<ReplyChoice>
        {
            new("English", "set language en"),
            new("简体中文", "set language zh-Hans"),
            new("繁體中文", "set language zh-Hant"),
            new(Texts.Pick(ctx.Language, "Article's own", "与文章相同"), "set language off"),
            new("compact", "set default format compact"),
            new("full", "set default format full"),
            new("title-only", "set default format title-only"),
            new(Texts.Pick(ctx.Language, "media on", "带图"), "set default media on"),
            new(Texts.Pick(ctx.Language, "media off", "不带图"), "set default media off"),
            new(Texts.Pick(ctx.Language, "media only", "仅图"), "set default media only"),
            new(Texts.Pick(ctx.Language, "silent on", "静音"), "set default silent on"),
            new(Texts.Pick(ctx.Language, "silent off", "有提醒"), "set default silent off"),
        };
        return new CommandReply(string.Join('\n', lines), choices, Private: true);
    }

    private async Task<CommandReply> LanguageAsync(CommandContext ctx, string value, CancellationToken ct)
    {
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            await subscriptions.SetLanguageAsync(ctx.Channel, null, ct);
            return new CommandReply(Texts.Pick(ctx.Language, "Summaries come in each article's own language again.", "摘要恢复为文章本身的语言。"));
        }
        var tag = SummaryLanguages.Normalize(value);
        if (tag is null)
        {
            return new CommandReply(Texts.Pick(ctx.Language,
                $"'{Shorten(value)}' is not a language I know. Try one of: {string.Join(", ", SummaryLanguages.Known)}, or off.",
                $"不认识“{Shorten(value)}”这个语言。可选：{string.Join("、", SummaryLanguages.Known)}，或 off。"), Private: true);
        }
        await subscriptions.SetLanguageAsync(ctx.Channel, tag, ct);
        var saved = Texts.Pick(ctx.Language, $"Summaries here will be in {SummaryLanguages.Name(tag)} ({tag}).", $"此处的摘要将使用 {SummaryLanguages.Name(tag)}（{tag}）。");
        if (translations.Available)
        {
            return new CommandReply(saved);
        }
        var script = tag.StartsWith("zh", StringComparison.Ordinal)
            ? Texts.Pick(ctx.Language, " Chinese articles are converted to that script now.", " 中文文章现在就会转换为该字形。")
            : "";
        return new CommandReply(saved + script + Texts.Pick(ctx.Language,
            " Translating articles in other languages needs the LLM (the operator sets Summaries:Provider=Llm); until then they keep their own language.",
            " 翻译其他语言的文章需要大模型（由运营者设置 Summaries:Provider=Llm）；在此之前这些文章保持原文语言。"));
    }

    private async Task<CommandReply> FullTextAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        var (value, feed) = CommandHandler.SplitFirst(arguments);
        if (!FullTextModes.TryParse(value, out var mode))
        {
            return new CommandReply(Usage(ctx.Language), Private: true);
        }
        var (name, problem) = await subscriptions.SetFullTextAsync(ctx.Channel, feed, mode, ct);
        if (name is null)
        {
            return new CommandReply(Texts.Pick(ctx.Language, $"Not changed: {problem}", $"未修改：{problem}"), Private: true);
        }
        var meaning = mode switch
        {
            FullTextMode.Always => Texts.Pick(ctx.Language, "every item is summarized from its article page", "每条都从原文网页生成摘要"),
            FullTextMode.Never => Texts.Pick(ctx.Language, "items are summarized from the feed's own text", "只用订阅源自带的文字生成摘要"),
            _ => Texts.Pick(ctx.Language, "teasers are summarized from their article page", "只有摘录式条目才读取原文网页"),
        };
        return new CommandReply(Texts.Pick(ctx.Language,
            $"Full text of {name}: {FullTextModes.Name(mode)} ({meaning}). The feed is shared, so this applies to every chat that follows it.",
            $"{name} 的全文：{FullTextModes.Name(mode)}（{meaning}）。该订阅源为共享，设置对所有订阅它的聊天生效。"));
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..39] + "…" : s;
}
