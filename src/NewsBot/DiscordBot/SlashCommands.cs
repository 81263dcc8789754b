using NewsBot.Discord;

namespace NewsBot.DiscordBot;

/// <summary>
/// The slash commands, registered with one bulk overwrite. Commands that change what a channel receives are
/// admin-only by default (MANAGE_GUILD), so a server's own permission overrides decide who may use them.
/// </summary>
public static class SlashCommands
{
    /// <summary>Text, announcement, thread and forum channels: the places a feed can post to.</summary>
    public static readonly IReadOnlyList<int> PostableChannelTypes = [0, 5, 10, 11, 12, 15];

    public static List<ApplicationCommand> All() =>
    [
        Command("subscribe", "订阅", "Follow a feed in this channel", "在本频道订阅一个新闻源", admin: true,
            Option(CommandOptionType.String, "url", "网址", "The feed's address (RSS, Atom or JSON Feed)", "订阅源网址（RSS、Atom 或 JSON Feed）", required: true, maxLength: 2000),
            Option(CommandOptionType.String, "filter", "过滤", "Keywords, \"phrases\", -excluded words or /regex/", "关键词、\"短语\"、-排除词或 /正则/", maxLength: 500),
            Option(CommandOptionType.Channel, "channel", "频道", "Post in another channel, thread or forum of this server", "推送到本服务器的其他频道、子区或论坛", channelTypes: PostableChannelTypes),
            FullTextOption()),
        Command("set", "设置", "This channel's settings: language, full text, how posts look", "本频道的设置：语言、全文、帖子样式", admin: true,
            Sub("show", "查看", "Show the current settings", "查看当前设置"),
            Sub("language", "语言", "The language of summaries here", "此处摘要使用的语言",
                Option(CommandOptionType.String, "language", "语言", "en, zh-Hans, zh-Hant, ja, fr, … or off", "en、zh-Hans、zh-Hant、ja、fr…或 off", required: true, autocomplete: true, maxLength: 20)),
            Sub("fulltext", "全文", "When a feed's items are read from their article pages", "何时读取订阅源条目的原文网页",
                FullTextOption(required: true),
                Option(CommandOptionType.String, "feed", "订阅源", "The feed (optional when the channel follows one)", "订阅源（只订阅一个时可省略）", autocomplete: true)),
            Sub("display", "显示", "How posts look: format, media, silent, mentions, forum tags…", "帖子的样子：格式、媒体、静音、提及、论坛标签…",
                DisplayOption(),
                Option(CommandOptionType.String, "value", "值", "e.g. compact, {title} — {source}, on, only, @Role word, reset", "例如 compact、{title} — {source}、on、only、@角色 关键词、reset",
                    required: true, maxLength: 1000),
                Option(CommandOptionType.String, "feed", "订阅源", "One feed, or default for every feed of this channel", "某个订阅源，或 default 表示本频道全部", autocomplete: true))),
        Command("unsubscribe", "取消订阅", "Stop following a feed", "取消订阅一个新闻源", admin: true,
            Option(CommandOptionType.String, "feed", "订阅源", "The feed to stop following", "要取消的订阅源", required: true, autocomplete: true)),
        Command("list", "列表", "What this channel follows", "本频道的订阅"),
        Command("topic", "话题", "Follow topics across every feed", "关注跨所有新闻源的话题", admin: true,
            Sub("add", "添加", "Follow a topic", "关注一个话题",
                Option(CommandOptionType.String, "query", "关键词", "Keywords, \"phrases\", -excluded, OR", "关键词、\"短语\"、-排除词、OR", required: true, maxLength: 500)),
            Sub("remove", "移除", "Stop following a topic", "取消关注一个话题",
                Option(CommandOptionType.String, "topic", "话题", "The topic to stop following", "要取消的话题", required: true, autocomplete: true)),
            Sub("list", "列表", "Topics this channel follows", "本频道关注的话题")),
        Command("news", "新闻", "The latest summaries on a topic, now", "立即查看某个话题的最新摘要", admin: false,
            Option(CommandOptionType.String, "query", "关键词", "Topic or keywords", "话题或关键词", required: true, maxLength: 500)),
        Command("digest", "汇总", "One scheduled digest instead of single posts", "改为定时汇总推送", admin: true,
            Sub("set", "设置", "Set the digest schedule", "设置汇总时间",
                Option(CommandOptionType.String, "schedule", "时间", "daily 08:00 [zone] | weekdays 18:30 | weekly mon 09:00", "daily 08:00 [时区] | weekdays 18:30 | weekly mon 09:00", required: true, maxLength: 100)),
            Sub("off", "关闭", "Back to single posts", "恢复逐条推送")),
        Command("preview", "预览", "Show what a feed would post", "预览一个订阅源会推送什么", admin: false,
            Option(CommandOptionType.String, "url", "网址", "The feed's address", "订阅源网址", required: true, maxLength: 2000)),
        Command("status", "状态", "This channel's feeds and their health", "本频道订阅源的状态"),
        Command("opml", "opml", "Export or import this channel's feeds as OPML", "以 OPML 导出或导入本频道的订阅", admin: true,
            Sub("export", "导出", "Export the feeds as an OPML file", "导出 OPML 文件"),
            Sub("import", "导入", "Subscribe to the feeds of an OPML file", "订阅 OPML 文件中的订阅源",
                Option(CommandOptionType.Attachment, "file", "文件", "An .opml file (at most 1 MiB)", "一个 .opml 文件（最大 1 MiB）", required: true))),
        Command("help", "帮助", "What NewsBot can do", "NewsBot 的用法"),
    ];

    private static ApplicationCommand Command(string name, string zhName, string description, string zhDescription, bool admin = false, params CommandOption[] options) => new()
    {
        Name = name,
        NameLocalizations = Localized(name, zhName),
        Description = description,
        DescriptionLocalizations = Localized(description, zhDescription),
        Options = options.Length == 0 ? null : [.. options],
        DefaultMemberPermissions = admin ? DiscordPermissions.ManageGuild : null,
        Contexts = [0],
    };

    private static CommandOption Sub(string name, string zhName, string description, string zhDescription, params CommandOption[] options) => new()
    {
        Type = CommandOptionType.SubCommand,
        Name = name,
        NameLocalizations = Localized(name, zhName),
        Description = description,
        DescriptionLocalizations = Localized(description, zhDescription),
        Options = options.Length == 0 ? null : [.. options],
    };

    private static CommandOption Option(CommandOptionType type, string name, string zhName, string description, string zhDescription,
        bool required = false, bool autocomplete = false, int? maxLength = null, IReadOnlyList<int>? channelTypes = null) => new()
        {
            Type = type,
            Name = name,
            NameLocalizations = Localized(name, zhName),
            Description = description,
            DescriptionLocalizations = Localized(description, zhDescription),
            Required = required ? true : null,
            Autocomplete = autocomplete ? true : null,
            MaxLength = maxLength,
            ChannelTypes = channelTypes is null ? null : [.. channelTypes],
        };

    private static CommandOption FullTextOption(bool required = false)
    {
        var option = Option(CommandOptionType.String, "fulltext", "全文", "Summarize from the article page: auto (teasers), always, never",
            "从原文网页生成摘要：auto（仅摘录）、always、never", required: required);
        option.Choices =
        [
            new CommandChoice { Name = "auto", Value = "auto" },
            new CommandChoice { Name = "always", Value = "always" },
            new CommandChoice { Name = "never", Value = "never" },
        ];
        return option;
    }

    private static CommandOption DisplayOption()
    {
        var option = Option(CommandOptionType.String, "option", "选项", "What to change", "要修改的项", required: true);
        option.Choices = [.. NewsBot.Display.DisplayOptions.Names.Select(n => new CommandChoice { Name = n, Value = n })];
        return option;
    }

    private static Dictionary<string, string> Localized(string en, string zh) => new() { ["en-US"] = en, ["zh-CN"] = zh };
}
