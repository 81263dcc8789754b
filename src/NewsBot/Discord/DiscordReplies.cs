using NewsBot.Commands;
using NewsBot.Discord;

namespace NewsBot.DiscordBot;

/// <summary>A platform-neutral <see cref="CommandReply"/> as a Discord message: text, article embeds, choice buttons.</summary>
public static class DiscordReplies
{
    /// <summary>custom_id prefix of buttons that run a command when pressed.</summary>
    public const string CommandPrefix = "cmd:";
    private const int MaxCustomId = 100;
    private const int ButtonsPerRow = 5;
    private const int Rows = 5;

    public static InteractionCallbackData Data(CommandReply reply) => new()
    {
        Content = Content(reply),
        Embeds = Embeds(reply),
        Components = Buttons(reply),
        AllowedMentions = AllowedMentions.None,
        Flags = reply.Private ? InteractionResponse.Ephemeral : null,
    };

    public static MessageRequest Message(CommandReply reply) => new()
    {
        Content = Content(reply),
        Embeds = Embeds(reply) ?? [],
        Components = Buttons(reply) ?? [],
        AllowedMentions = AllowedMentions.None,
    };

    /// <summary>
    /// The client has no multipart upload, so a file (OPML export) goes out as follow-ups holding its text in code
    /// blocks; the last one says where to get the whole file when it is too long for a few messages.
    /// </summary>
    public static List<MessageRequest> FileFollowups(ReplyFile file, bool ephemeral, string language, int maxMessages = 5)
    {
        var text = System.Text.Encoding.UTF8.GetString(file.Content).Replace("```", "`\u200b``", StringComparison.Ordinal);
        var head = $"{file.Name}:\n";
        const int chunk = DiscordLimits.Content - 40;
        var messages = new List<MessageRequest>();
        for (var at = 0; at < text.Length && messages.Count < maxMessages; at += chunk)
        {
            var part = text.Substring(at, Math.Min(chunk, text.Length - at));
            messages.Add(new MessageRequest { Content = (messages.Count == 0 ? head : "") + "```xml\n" + part + "\n```" });
        }
        if (text.Length > chunk * maxMessages)
        {
            messages.Add(new MessageRequest
            {
                Content = Texts.Pick(language,
                    "The file is longer than these messages; run `newsbot opml export` on the server for all of it.",
                    "文件太长，以上只是一部分；请在服务器上运行 `newsbot opml export` 获取完整文件。"),
            });
        }
        foreach (var m in messages)
        {
            m.AllowedMentions = AllowedMentions.None;
            m.Flags = ephemeral ? InteractionResponse.Ephemeral : null;
        }
        return messages;
    }

    private static string Content(CommandReply reply) =>
        PostEmbeds.Clip(reply.Text.Length == 0 ? "…" : reply.Text, DiscordLimits.Content);

    private static List<Embed>? Embeds(CommandReply reply) =>
        reply.ArticleList.Count == 0 ? null : PostEmbeds.ForArticles(reply.ArticleList);

    private static List<MessageComponent>? Buttons(CommandReply reply)
    {
        var buttons = reply.ChoiceList
            .Where(c => (CommandPrefix + c.Command).Length <= MaxCustomId)
            .Take(ButtonsPerRow * Rows)
            .Select(c => new MessageComponent { Type = 2, Style = 2, Label = PostEmbeds.Clip(c.Label.Length == 0 ? c.Command : c.Label, 80), CustomId = CommandPrefix + c.Command })
            .ToList();
        if (buttons.Count == 0)
        {
            return null;
        }
        return buttons.Chunk(ButtonsPerRow).Select(row => new MessageComponent { Type = 1, Components = [.. row] }).ToList();
    }
}
