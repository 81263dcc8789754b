namespace NewsBot.Commands;

/// <summary>`/topic add|remove|list &lt;keywords&gt;`: follow a query across every feed the bot polls.</summary>
public sealed class TopicCommand(SubscriptionService subscriptions)
{
    public async Task<CommandReply> HandleAsync(CommandContext ctx, string arguments, CancellationToken ct)
    {
        var (verb, rest) = CommandHandler.SplitFirst(arguments);
        switch (verb.ToLowerInvariant())
        {
            case "" or "list":
                return await ListAsync(ctx, ct);
            case "remove" or "rm" or "delete" or "del":
                if (rest.Length == 0)
                {
                    var mine = await subscriptions.ListTopicsAsync(ctx.Channel, ct);
                    return mine.Count == 0
                        ? new CommandReply(Texts.Pick(ctx.Language, "This chat follows no topics.", "本聊天没有关注任何话题。"), Private: true)
                        : new CommandReply(Texts.Pick(ctx.Language, "Which topic should this chat stop following?", "要取消关注哪个话题？"),
                            mine.Select(t => new ReplyChoice(t.Topic.Length > 60 ? t.Topic[..59] + "…" : t.Topic, $"topic remove {t.Id}")).ToList(), Private: true);
                }
                var removed = await subscriptions.RemoveTopicAsync(ctx.Channel, rest, ct);
                return new CommandReply(removed.Ok
                    ? Texts.Pick(ctx.Language, $"Stopped following the topic {removed.Topic}.", $"已取消关注话题 {removed.Topic}。")
                    : Texts.Pick(ctx.Language, $"Could not remove it: {removed.Message}. See /topic list.", $"无法取消：{removed.Message}。发送 /topic list 查看。"));
            default:
                var query = verb.Equals("add", StringComparison.OrdinalIgnoreCase) ? rest : arguments;
                if (query.Length == 0)
                {
                    return new CommandReply(Texts.Pick(ctx.Language,
                        "Usage: /topic add <keywords> — e.g. /topic add climate -sports, or \"central bank\" OR 央行",
                        "用法：/topic add <关键词> — 例如 /topic add 气候 -体育，或 \"central bank\" OR 央行"), Private: true);
                }
                var added = await subscriptions.AddTopicAsync(ctx.Channel, query, ct);
                if (!added.Ok)
                {
                    return new CommandReply(Texts.Pick(ctx.Language, $"Could not follow that topic: {added.Message}", $"无法关注该话题：{added.Message}"));
                }
                return new CommandReply(added.AlreadyFollowed
                    ? Texts.Pick(ctx.Language, $"This chat already follows {added.Topic}.", $"本聊天已经关注了 {added.Topic}。")
                    : Texts.Pick(ctx.Language,
                        $"Following the topic {added.Topic}: matching articles from every feed the bot knows will be posted here. Try /news {added.Topic} for the latest.",
                        $"已关注话题 {added.Topic}：机器人已知的所有订阅源中匹配的文章都会推送到这里。发送 /news {added.Topic} 查看最新内容。"));
        }
    }

    private async Task<CommandReply> ListAsync(CommandContext ctx, CancellationToken ct)
    {
        var mine = await subscriptions.ListTopicsAsync(ctx.Channel, ct);
        if (mine.Count == 0)
        {
            return new CommandReply(Texts.Pick(ctx.Language, "This chat follows no topics. Add one with /topic add <keywords>.", "本聊天没有关注任何话题。用 /topic add <关键词> 添加。"));
        }
        var lines = mine.Select((t, i) => $"{i + 1}. {t.Topic}" + (t.Mode == Storage.DeliveryMode.Digest ? Texts.Pick(ctx.Language, " [digest]", " [汇总]") : ""));
        return new CommandReply(Texts.Pick(ctx.Language, "Topics this chat follows:", "本聊天关注的话题：") + "\n" + string.Join("\n", lines));
    }
}
