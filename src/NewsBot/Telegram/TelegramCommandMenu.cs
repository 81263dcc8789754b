using Telegram.Bot;
using Telegram.Bot.Types;

namespace NewsBot.Telegram;

/// <summary>The command menu (setMyCommands) in English and Chinese: everything in private chats and for group administrators, the read-only commands for other group members.</summary>
public static class TelegramCommandMenu
{
    private sealed record Entry(string Command, string En, string Zh, bool ReadOnly);

    private static readonly Entry[] Entries =
    [
        new("news", "Latest summaries for a topic or keywords", "查看话题或关键词的最新摘要", true),
        new("subscribe", "Follow a feed: /subscribe <url> [fulltext:always] [filter]", "订阅：/subscribe <网址> [fulltext:always] [过滤词]", false),
        new("set", "Settings: language, fulltext, [feed|default] format/media/preview/silent/title/summary", "设置：language、fulltext、[订阅源|default] format/media/preview/silent/title/summary", false),
        new("unsubscribe", "Stop following a feed", "取消订阅", false),
        new("list", "What this chat follows", "本聊天的订阅", true),
        new("topic", "Follow a topic: add|remove|list <keywords>", "关注话题：add|remove|list <关键词>", false),
        new("digest", "Digest: off | daily HH:MM [tz] | weekdays HH:MM [tz] | weekly <day> HH:MM [tz]", "汇总：off | daily HH:MM [时区] | weekdays HH:MM [时区] | weekly <星期> HH:MM [时区]", false),
        new("preview", "Show what a feed would post", "预览订阅源", true),
        new("opml", "Export or import subscriptions: export | import (attach the file)", "导出或导入订阅：export | import（附上文件）", false),
        new("status", "Feeds of this chat and their health", "本聊天订阅源的状态", true),
        new("help", "How to use the bot", "使用说明", true),
        new("start", "Start", "开始", false),
    ];

    public static async Task RegisterAsync(ITelegramBotClient bot, CancellationToken ct)
    {
        var scopes = new (BotCommandScope Scope, bool ReadOnlyOnly)[]
        {
            (BotCommandScope.AllPrivateChats(), false),
            (BotCommandScope.AllChatAdministrators(), false),
            (BotCommandScope.AllGroupChats(), true),
        };
        foreach (var (scope, readOnlyOnly) in scopes)
        {
            foreach (var language in new[] { "en", "zh" })
            {
                var commands = Entries
                    .Where(e => e.ReadOnly || !readOnlyOnly)
                    .Where(e => e.Command != "start" || scope is BotCommandScopeAllPrivateChats)
                    .Select(e => new BotCommand { Command = e.Command, Description = language == "zh" ? e.Zh : e.En })
                    .ToList();
                // English is also the default for every language without its own list.
                await bot.SetMyCommands(commands, scope, language == "en" ? null : language, ct);
            }
        }
    }
}
