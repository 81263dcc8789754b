using System.Globalization;
using NewsBot.Commands;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Storage;
using NewsBot.Summaries;

namespace NewsBot.DiscordBot;

/// <summary>The first answer to an interaction, its files, and what still has to be sent after it (the deferred reply, files).</summary>
/// <param name="Files">Uploads that belong to <paramref name="First"/> (a message answer). The HTTP endpoint cannot answer with
/// multipart, so it sends them as a follow-up instead.</param>
public sealed record InteractionAnswer(InteractionResponse First, Func<CancellationToken, Task>? Then = null, IReadOnlyList<DiscordFile>? Files = null);

/// <summary>
/// Turns interactions (from the gateway or the HTTP endpoint) into calls of the platform-neutral
/// <see cref="CommandHandler"/> and its replies into Discord answers. A command that has not finished after
/// <see cref="DiscordBotOptions.DeferAfter"/> is deferred and its reply edited in later, so Discord always
/// hears back within 3 s.
/// </summary>
public sealed class InteractionHandler(
    CommandHandler commands,
    SubscriptionService subscriptions,
    DiscordRestClient rest,
    DiscordChannels channels,
    OpmlAttachment opmlFiles,
    DiscordBotOptions options,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    private static readonly HashSet<string> Ephemeral = new(StringComparer.Ordinal) { "preview", "help" };

    /// <summary>Gateway mode: answers through the callback endpoint, then sends whatever follows.</summary>
    public async Task HandleAsync(Interaction interaction, CancellationToken ct)
    {
        var answer = await AnswerAsync(interaction, ct);
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, answer.First, answer.Files ?? [], ct);
        if (answer.Then is { } then)
        {
            await then(ct);
        }
    }

    public async Task<InteractionAnswer> AnswerAsync(Interaction interaction, CancellationToken ct)
    {
        switch (interaction.Type)
        {
            case InteractionType.Ping:
                return new InteractionAnswer(new InteractionResponse { Type = InteractionCallbackType.Pong });
            case InteractionType.ApplicationCommandAutocomplete:
                return new InteractionAnswer(InteractionResponse.Autocomplete(await AutocompleteAsync(interaction, ct)));
            case InteractionType.ApplicationCommand when interaction.Data?.Name is { Length: > 0 } name:
                var (command, arguments, target) = Parse(name, interaction.Data.Options ?? []);
                return await RunAsync(interaction, command, arguments, target, ct, attachment: command == "opml" ? OpmlAttachment.Of(interaction.Data) : null);
            case InteractionType.MessageComponent when interaction.Data?.CustomId is { } id && id.StartsWith(DiscordReplies.CommandPrefix, StringComparison.Ordinal):
                var (pressed, rest_) = CommandHandler.SplitFirst(id[DiscordReplies.CommandPrefix.Length..]);
                return await RunAsync(interaction, pressed, rest_, null, ct, forcePrivate: true);
            default:
                return new InteractionAnswer(InteractionResponse.Message(
                    Texts.Pick(Language(interaction), "This interaction is not supported.", "不支持这个操作。"), ephemeral: true));
        }
    }

    /// <summary>Slash command options as the core's argument text: "subscribe url filter", "topic add query", "digest off".</summary>
    internal static (string Command, string Arguments, ulong? Target) Parse(string name, IReadOnlyList<InteractionOption> options)
    {
        var sub = options.FirstOrDefault(o => o.Type is CommandOptionType.SubCommand or CommandOptionType.SubCommandGroup);
        var values = (sub?.Options ?? options.Where(o => o.Type is not (CommandOptionType.SubCommand or CommandOptionType.SubCommandGroup)))
            .ToDictionary(o => o.Name, o => (o.ValueText ?? "").Trim(), StringComparer.Ordinal);
        string Value(string key) => values.TryGetValue(key, out var v) ? v : "";
        ulong? target = ulong.TryParse(Value("channel"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        var arguments = (name, sub?.Name) switch
        {
            ("subscribe", _) => Join(Value("url"), Value("fulltext").Length == 0 ? "" : "fulltext:" + Value("fulltext"), Value("filter")),
            ("set", "language") => Join("language", Value("language")),
            ("set", "fulltext") => Join("fulltext", Value("fulltext"), Value("feed")),
            ("set", "display") => Join(Value("feed"), Value("option"), Value("value")),
            ("set", _) => "",
            ("unsubscribe", _) => Value("feed"),
            ("topic", "add") => Join("add", Value("query")),
            ("topic", "remove") => Join("remove", Value("topic")),
            ("topic", _) => "list",
            ("digest", "off") => "off",
            ("digest", _) => Value("schedule"),
            ("opml", "import") => "import",
            ("opml", _) => "export",
            ("news", _) => Value("query"),
            ("preview", _) => Value("url"),
            _ => "",
        };
        return (name, arguments, target);
    }

    private async Task<InteractionAnswer> RunAsync(Interaction interaction, string command, string arguments, ulong? target, CancellationToken ct,
        bool forcePrivate = false, DiscordAttachment? attachment = null)
    {
        var language = Language(interaction);
        var context = Context(interaction);
        if (context is null)
        {
            return new InteractionAnswer(InteractionResponse.Message(Texts.Pick(language, "I could not tell where this came from.", "无法识别这个频道。"), ephemeral: true));
        }
        if (target is { } other && other.ToString(CultureInfo.InvariantCulture) != context.Channel.ExternalId)
        {
            var problem = await CheckTargetAsync(interaction, other, language, ct);
            if (problem is not null)
            {
                return new InteractionAnswer(InteractionResponse.Message(problem, ephemeral: true));
            }
            context = context with { Channel = new ChannelRef(Platforms.Discord, other.ToString(CultureInfo.InvariantCulture)) };
        }

        var work = RunCommandAsync(context, command, arguments, attachment, ct);
        var first = await Task.WhenAny(work, Task.Delay(options.DeferAfter, time, ct));
        var channelName = interaction.Channel?.Name ?? context.Channel.ExternalId;
        if (first == work)
        {
            var (reply, file) = WithFile(Adjust(await work, forcePrivate), channelName, language);
            return new InteractionAnswer(
                new InteractionResponse { Type = InteractionCallbackType.ChannelMessageWithSource, Data = DiscordReplies.Data(reply) },
                Files: file is null ? null : [file]);
        }
        // Ephemerality is fixed when deferring: the export is for the caller alone, an import's result for the channel.
        var ephemeral = forcePrivate || Ephemeral.Contains(command) || (command == "opml" && arguments == "export");
        return new InteractionAnswer(InteractionResponse.Deferred(ephemeral), async token =>
        {
            var (reply, file) = WithFile(Adjust(await work, forcePrivate), channelName, language);
            await rest.EditOriginalResponseAsync(interaction.Token, DiscordReplies.Message(reply), token);
            if (file is not null)
            {
                // The original was deferred as JSON; the file follows as its own (multipart) message.
                await rest.CreateFollowupMessageAsync(interaction.Token, DiscordReplies.FileMessage(reply.Private), [file], token);
            }
        });
    }

    /// <summary>The reply's file as an upload; when Discord would refuse it, the reply says why instead.</summary>
    private static (CommandReply Reply, DiscordFile? File) WithFile(CommandReply reply, string channelName, string language)
    {
        var (file, problem) = DiscordReplies.File(reply, channelName, language);
        return (problem is null ? reply : reply with { Text = reply.Text + "\n" + problem }, file);
    }

    private async Task<CommandReply> RunCommandAsync(CommandContext context, string command, string arguments, DiscordAttachment? attachment, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            if (attachment is not null)
            {
                // Nothing is downloaded for someone who may not import.
                if (!context.IsAdmin)
                {
                    return new CommandReply(Texts.AdminsOnly(context.Language), Private: true);
                }
                var (file, problem) = await opmlFiles.FetchAsync(attachment, ct);
                if (problem is not null)
                {
                    return new CommandReply(Texts.Pick(context.Language, $"Could not import: {problem}. Nothing was subscribed.", $"无法导入：{problem}。没有添加任何订阅。"), Private: true);
                }
                context = context with { Attachment = file };
            }
            if (command == "subscribe" && context.IsAdmin)
            {
                // An admin subscribing again is the way back from a paused channel (see GuildDirectory's notice).
                await channels.ResumeAsync(context.Channel.ExternalId, ct);
            }
            var reply = await commands.HandleAsync(context, command, arguments, ct);
            if (context.GuildId is { } guild)
            {
                await channels.RememberGuildAsync(context.Channel.ExternalId, guild, ct);
            }
            return reply;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Discord command /{Command} failed", command);
            return new CommandReply(Texts.Pick(context.Language, $"Something went wrong: {OneLine(e.Message)}", $"出错了：{OneLine(e.Message)}"), Private: true);
        }
    }

    /// <summary>The channel option must be a text channel, thread or forum of the same guild that the bot can see.</summary>
    private async Task<string?> CheckTargetAsync(Interaction interaction, ulong target, string language, CancellationToken ct)
    {
        try
        {
            rest.ResumeChannel(target);
            var channel = await rest.GetChannelAsync(target, ct);
            if (channel.GuildId != interaction.GuildId || !SlashCommands.PostableChannelTypes.Contains(channel.Type))
            {
                return Texts.Pick(language, $"<#{target}> is not a text channel, thread or forum of this server.", $"<#{target}> 不是本服务器的文字频道、子区或论坛。");
            }
            return null;
        }
        catch (DiscordApiException e)
        {
            return Texts.Pick(language, $"I cannot use <#{target}>: {e.DiscordMessage}.", $"无法使用 <#{target}>：{e.DiscordMessage}。");
        }
    }

    private async Task<List<CommandChoice>> AutocompleteAsync(Interaction interaction, CancellationToken ct)
    {
        if (Context(interaction) is not { } context)
        {
            return [];
        }
        var options = interaction.Data?.Options ?? [];
        var sub = options.FirstOrDefault(o => o.Type == CommandOptionType.SubCommand);
        var focused = (sub?.Options ?? options).FirstOrDefault(o => o.Focused == true);
        var typed = focused?.ValueText?.Trim() ?? "";
        IEnumerable<(string Name, string Value)> candidates = (interaction.Data?.Name, focused?.Name) switch
        {
            ("unsubscribe", "feed") => (await subscriptions.ListAsync(context.Channel, ct)).Select(s => (s.FeedTitle ?? s.FeedUrl, s.FeedId.ToString(CultureInfo.InvariantCulture))),
            ("set", "feed") => (await subscriptions.ListAsync(context.Channel, ct)).Select(s => (s.FeedTitle ?? s.FeedUrl, s.FeedId.ToString(CultureInfo.InvariantCulture)))
                .Prepend(("default — every feed of this channel", "default")),
            ("set", "language") => SummaryLanguages.Known.Select(tag => ($"{tag} — {SummaryLanguages.Name(tag)}", tag)).Append(("off", "off")),
            ("topic", "topic") => (await subscriptions.ListTopicsAsync(context.Channel, ct)).Select(t => (t.Topic, t.Id.ToString(CultureInfo.InvariantCulture))),
            _ => [],
        };
        return candidates
            .Where(c => typed.Length == 0 || c.Name.Contains(typed, StringComparison.OrdinalIgnoreCase) || c.Value == typed)
            .Take(DiscordLimits.MaxChoices)
            .Select(c => new CommandChoice { Name = PostEmbeds.Clip(c.Name.Length == 0 ? c.Value : c.Name, 100), Value = c.Value })
            .ToList();
    }

    /// <summary>Who asked and where. Threads are channels on Discord, so a thread's own id is the destination.</summary>
    internal static CommandContext? Context(Interaction interaction)
    {
        var channelId = interaction.ChannelId ?? interaction.Channel?.Id;
        if (channelId is null || interaction.Invoker is not { } user)
        {
            return null;
        }
        var permissions = interaction.Member?.Permissions ?? DiscordPermissions.None;
        var isAdmin = interaction.GuildId is null
            || (permissions & (DiscordPermissions.ManageGuild | DiscordPermissions.Administrator)) != 0;
        return new CommandContext(
            new ChannelRef(Platforms.Discord, channelId.Value.ToString(CultureInfo.InvariantCulture)),
            user.Id.ToString(CultureInfo.InvariantCulture),
            isAdmin,
            Language(interaction),
            ChatTitle: interaction.Channel?.Name,
            GuildId: interaction.GuildId?.ToString(CultureInfo.InvariantCulture));
    }

    internal static string Language(Interaction interaction) =>
        (interaction.Locale ?? interaction.GuildLocale ?? "").StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";

    private static CommandReply Adjust(CommandReply reply, bool forcePrivate) => forcePrivate && !reply.Private ? reply with { Private = true } : reply;

    private static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));

    private static string OneLine(string text) => PostEmbeds.Clip(text.ReplaceLineEndings(" "), 300);
}
