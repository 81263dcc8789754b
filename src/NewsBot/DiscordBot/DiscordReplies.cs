using NewsBot.Commands;
using NewsBot.Discord;
using NewsBot.Discord.Rest;

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
    /// The reply's file as an upload, named after the channel (<c>newsbot-&lt;channel&gt;.opml</c>), or null with the
    /// reason when there is none or Discord would refuse it.
    /// </summary>
    public static (DiscordFile? File, string? Problem) File(CommandReply reply, string channelName, string language)
    {
        if (reply.File is not { } file)
        {
            return (null, null);
        }
        var extension = Path.GetExtension(file.Name);
        var upload = new DiscordFile(file.Name.StartsWith("newsbot-", StringComparison.Ordinal) ? $"newsbot-{Slug(channelName)}{extension}" : Safe(file.Name), file.Content, file.ContentType);
        if (DiscordRestClient.CheckFiles([upload]) is { } problem)
        {
            return (null, Texts.Pick(language,
                $"The file cannot be sent here: {problem}. Run `newsbot opml export` on the server instead.",
                $"无法在这里发送文件：{problem}。请在服务器上运行 `newsbot opml export`。"));
        }
        return (upload, null);
    }

    /// <summary>A message that only carries files (the follow-up of a deferred or HTTP-endpoint answer).</summary>
    public static MessageRequest FileMessage(bool ephemeral) => new()
    {
        AllowedMentions = AllowedMentions.None,
        Flags = ephemeral ? InteractionResponse.Ephemeral : null,
    };

    /// <summary>ChatChannel names become file-name safe: ASCII letters, digits, '-' and '_', at most 60 characters.</summary>
    internal static string Slug(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        var slug = new string(chars).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        return slug.Length == 0 ? "channel" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }

    private static string Safe(string name)
    {
        var extension = Path.GetExtension(name).TrimStart('.');
        return Slug(Path.GetFileNameWithoutExtension(name)) + (extension.Length == 0 ? "" : "." + Slug(extension));
    }

    private static string Content(CommandReply reply) =>
        PostEmbeds.Clip(reply.Text.Length == 0 ? "…" : reply.Text, DiscordLimits.Content);

    private static List<Embed>? Embeds(CommandReply reply) => reply.PostList.Count > 0 ? PostsAsSent(reply) :
        reply.ArticleList.Count == 0 ? null : PostEmbeds.ForArticles(reply.ArticleList);

    /// <summary>The preview's posts as the channel would get them, as many whole posts as one message holds.</summary>
    private static List<Embed> PostsAsSent(CommandReply reply)
    {
        var zone = Digests.TimeZones.Find(reply.PostZone);
        var embeds = new List<Embed>();
        foreach (var post in reply.PostList)
        {
            var next = DiscordSender.PostMessage(post, zone, null).Embeds!;
            if (embeds.Count + next.Count > DiscordLimits.EmbedsPerMessage
                || embeds.Concat(next).Sum(DiscordLimits.EmbedLength) + Content(reply).Length > DiscordLimits.EmbedTotal)
            {
                break;
            }
            embeds.AddRange(next);
        }
        return embeds;
    }

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
