using NewsBot.Routing;

namespace NewsBot.Commands;

/// <summary>`/opml export` (the chat's subscriptions as a file) and `/opml import` (with an OPML file attached).</summary>
public sealed class OpmlChatCommand(SubscriptionService subscriptions, TimeProvider time)
{
    public async Task<CommandReply> HandleAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        switch (CommandHandler.SplitFirst(arguments).First.ToLowerInvariant())
        {
            case "export":
                var feeds = await subscriptions.ExportAsync(ctx.Channel, ct);
                if (feeds.Count == 0)
                {
                    return new CommandReply(Texts.Pick(ctx.Language, "This chat has no subscriptions to export.", "本聊天没有可导出的订阅。"), Private: true);
                }
                var bytes = OpmlDocument.Write($"NewsBot subscriptions of {ctx.ChatTitle ?? ctx.Channel.ToString()}", feeds, time.GetUtcNow());
                return new CommandReply(Texts.Pick(ctx.Language, $"{feeds.Count} subscriptions as OPML.", $"{feeds.Count} 个订阅（OPML 格式）。"),
                    File: new ReplyFile("newsbot-subscriptions.opml", "text/x-opml", bytes), Private: true);
            case "import":
                if (!ctx.IsAdmin)
                {
                    return new CommandReply(Texts.AdminsOnly(ctx.Language), Private: true);
                }
                if (ctx.Attachment is not { } file)
                {
                    return new CommandReply(Texts.Pick(ctx.Language, "Attach an OPML file to /opml import.", "请在 /opml import 时附上 OPML 文件。"), Private: true);
                }
                if (!OpmlDocument.TryRead(file.Content, out var list, out var error))
                {
                    return new CommandReply(Texts.Pick(ctx.Language, $"Could not import: {error}.", $"无法导入：{error}。"), Private: true);
                }
                var result = await subscriptions.ImportAsync(ctx.Channel, list, ct);
                var text = Texts.Pick(ctx.Language,
                    $"Imported {result.Added} feeds ({result.AlreadySubscribed} already subscribed). New feeds are checked within minutes; their existing items are not posted.",
                    $"已导入 {result.Added} 个订阅源（{result.AlreadySubscribed} 个已订阅）。新订阅源会在几分钟内检查，已有的文章不会推送。");
                if (result.Problems.Count > 0)
                {
                    text += "\n" + Texts.Pick(ctx.Language, "Skipped:", "已跳过：") + "\n" + string.Join("\n", result.Problems.Take(10));
                }
                return new CommandReply(text);
            default:
                return new CommandReply(Texts.Pick(ctx.Language, "Usage: /opml export | /opml import (with the file attached)", "用法：/opml export | /opml import（附上文件）"), Private: true);
        }
    }
}
