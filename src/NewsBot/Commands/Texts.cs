namespace NewsBot.Commands;

/// <summary>Reply strings in English and Chinese; the platform passes the user's language.</summary>
public static class Texts
{
    public static string Pick(string language, string en, string zh) => language == "zh" ? zh : en;

    public static string Help(string language) => Pick(language,
        """
        NewsBot posts short summaries of the feeds this chat follows.
        /subscribe <feed url> [fulltext:always|never] [filter] — follow a feed (filter: words, "phrases", -excluded)
        /set — this chat's settings; /set language <en|zh-Hans|zh-Hant|…|off>; /set fulltext <auto|always|never> [feed]
        /unsubscribe [feed] — stop following a feed
        /list — what this chat follows
        /topic add|remove|list <keywords> — follow a topic across every feed the bot knows
        /news <topic or keywords> — the latest matching summaries, now
        /digest off | daily HH:MM [time zone] | weekdays HH:MM [time zone] | weekly <day> HH:MM [time zone] — one digest instead of single posts
        /preview <url> — show what a feed would post
        /status — this chat's feeds and their health
        /opml export | import — this chat's subscriptions as an OPML file, or follow the feeds of an attached one
        """,
        """
        NewsBot 会把本聊天订阅的新闻源整理成简短摘要推送过来。
        /subscribe <订阅源网址> [fulltext:always|never] [过滤词] — 订阅（过滤：关键词、"短语"、-排除词）
        /set — 本聊天的设置；/set language <en|zh-Hans|zh-Hant|…|off>；/set fulltext <auto|always|never> [订阅源]
        /unsubscribe [订阅源] — 取消订阅
        /list — 本聊天的订阅
        /topic add|remove|list <关键词> — 关注一个话题（来自机器人已知的所有订阅源）
        /news <话题或关键词> — 立即查看最新的相关摘要
        /digest off | daily HH:MM [时区] | weekdays HH:MM [时区] | weekly <星期> HH:MM [时区] — 改为定时汇总
        /preview <网址> — 预览一个订阅源会推送什么
        /status — 本聊天订阅源的状态
        /opml export | import — 把本聊天的订阅导出为 OPML 文件，或按附上的 OPML 文件订阅
        """);

    public static string AdminsOnly(string language) => Pick(language,
        "Only chat administrators can change this chat's subscriptions.",
        "只有群管理员可以修改本聊天的订阅。");

    public static string Unknown(string language, string command) => Pick(language,
        $"Unknown command /{command}. Send /help for the list.",
        $"未知命令 /{command}。发送 /help 查看命令列表。");
}
