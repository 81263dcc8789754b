using System.Text.Json;

namespace NewsBot.Discord;

/// <summary>Interaction types.</summary>
public enum InteractionType
{
    /// <summary>HTTP endpoint check.</summary>
    Ping = 1,
    /// <summary>A slash command.</summary>
    ApplicationCommand = 2,
    /// <summary>A button or select.</summary>
    MessageComponent = 3,
    /// <summary>The user is typing an autocomplete option.</summary>
    ApplicationCommandAutocomplete = 4,
    /// <summary>A modal was submitted.</summary>
    ModalSubmit = 5,
}

/// <summary>An interaction, from INTERACTION_CREATE or the HTTP endpoint.</summary>
public sealed class Interaction
{
    /// <summary>Interaction id.</summary>
    public ulong Id { get; set; }
    /// <summary>The application it is for.</summary>
    public ulong ApplicationId { get; set; }
    /// <summary>Kind of interaction.</summary>
    public InteractionType Type { get; set; }
    /// <summary>Command name and options.</summary>
    public InteractionData? Data { get; set; }
    /// <summary>Guild, absent in DMs.</summary>
    public ulong? GuildId { get; set; }
    /// <summary>Channel it was used in.</summary>
    public ulong? ChannelId { get; set; }
    /// <summary>The channel object Discord includes (type and parent tell threads apart).</summary>
    public DiscordChannel? Channel { get; set; }
    /// <summary>The member who used it (guilds).</summary>
    public GuildMember? Member { get; set; }
    /// <summary>The user who used it (DMs).</summary>
    public DiscordUser? User { get; set; }
    /// <summary>Token for the callback and follow-ups, valid 15 minutes.</summary>
    public string Token { get; set; } = "";
    /// <summary>The user's client locale.</summary>
    public string? Locale { get; set; }
    /// <summary>The guild's preferred locale.</summary>
    public string? GuildLocale { get; set; }
    /// <summary>The bot's permissions in the channel.</summary>
    public DiscordPermissions? AppPermissions { get; set; }

    /// <summary>The user who acted, whether in a guild or a DM.</summary>
    public DiscordUser? Invoker => Member?.User ?? User;
}

/// <summary>The <c>data</c> of a command interaction.</summary>
public sealed class InteractionData
{
    /// <summary>Command id.</summary>
    public ulong? Id { get; set; }
    /// <summary>Command name.</summary>
    public string? Name { get; set; }
    /// <summary>Given options; subcommands nest.</summary>
    public List<InteractionOption>? Options { get; set; }
    /// <summary>Custom id of a component interaction.</summary>
    public string? CustomId { get; set; }
    /// <summary>The objects that options refer to by id (attachments of ATTACHMENT options).</summary>
    public InteractionResolved? Resolved { get; set; }
}

/// <summary>An option value given by the user.</summary>
public sealed class InteractionOption
{
    /// <summary>Option name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Kind of value.</summary>
    public CommandOptionType Type { get; set; }
    /// <summary>The raw value: string, number or boolean.</summary>
    public JsonElement? Value { get; set; }
    /// <summary>Options of a subcommand.</summary>
    public List<InteractionOption>? Options { get; set; }
    /// <summary>True on the option being typed in an autocomplete interaction.</summary>
    public bool? Focused { get; set; }

    /// <summary>The value as text (strings as they are, numbers and booleans in JSON form).</summary>
    public string? ValueText => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };
}

/// <summary>A guild member of an interaction.</summary>
public sealed class GuildMember
{
    /// <summary>The user.</summary>
    public DiscordUser? User { get; set; }
    /// <summary>Total permissions of the member in the channel.</summary>
    public DiscordPermissions? Permissions { get; set; }
}

/// <summary>A user.</summary>
public sealed class DiscordUser
{
    /// <summary>User id.</summary>
    public ulong Id { get; set; }
    /// <summary>User name.</summary>
    public string? Username { get; set; }
    /// <summary>Display name.</summary>
    public string? GlobalName { get; set; }
    /// <summary>True for bots.</summary>
    public bool? Bot { get; set; }
}

/// <summary>Interaction callback types.</summary>
public enum InteractionCallbackType
{
    /// <summary>Answer to a PING.</summary>
    Pong = 1,
    /// <summary>Reply with a message.</summary>
    ChannelMessageWithSource = 4,
    /// <summary>"Thinking…"; reply later by editing the original.</summary>
    DeferredChannelMessageWithSource = 5,
    /// <summary>Autocomplete choices.</summary>
    ApplicationCommandAutocompleteResult = 8,
}

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed class InteractionResponse
{
    /// <summary>Kind of answer.</summary>
    public InteractionCallbackType Type { get; set; }
    /// <summary>Message (types 4, 5) or choices (type 8).</summary>
    public InteractionCallbackData? Data { get; set; }

    /// <summary>Message flag: only the invoking user sees it.</summary>
    public const int Ephemeral = 64;

    /// <summary>A message reply, pinging nobody.</summary>
    public static InteractionResponse Message(string? content, IEnumerable<Embed>? embeds = null, bool ephemeral = false) => new()
    {
        Type = InteractionCallbackType.ChannelMessageWithSource,
        Data = new InteractionCallbackData
        {
            Content = content,
            Embeds = embeds?.ToList(),
            AllowedMentions = AllowedMentions.None,
            Flags = ephemeral ? Ephemeral : null,
        },
    };

    /// <summary>A deferred reply; follow with <c>DiscordRestClient.EditOriginalResponseAsync</c>.</summary>
    public static InteractionResponse Deferred(bool ephemeral = false) => new()
    {
        Type = InteractionCallbackType.DeferredChannelMessageWithSource,
        Data = ephemeral ? new InteractionCallbackData { Flags = Ephemeral } : null,
    };

    /// <summary>Autocomplete choices; more than 25 are cut to 25.</summary>
    public static InteractionResponse Autocomplete(IEnumerable<CommandChoice> choices) => new()
    {
        Type = InteractionCallbackType.ApplicationCommandAutocompleteResult,
        Data = new InteractionCallbackData { Choices = choices.Take(DiscordLimits.MaxChoices).ToList() },
    };
}

/// <summary>The <c>data</c> of an interaction callback.</summary>
public sealed class InteractionCallbackData
{
    /// <summary>Text, at most 2000 characters.</summary>
    public string? Content { get; set; }
    /// <summary>Up to 10 embeds.</summary>
    public List<Embed>? Embeds { get; set; }
    /// <summary>Who may be pinged.</summary>
    public AllowedMentions? AllowedMentions { get; set; }
    /// <summary>64 = ephemeral.</summary>
    public int? Flags { get; set; }
    /// <summary>Components.</summary>
    public List<MessageComponent>? Components { get; set; }
    /// <summary>Autocomplete choices (type 8), at most 25.</summary>
    public List<CommandChoice>? Choices { get; set; }
}
