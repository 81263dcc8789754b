namespace NewsBot.Discord;

/// <summary>The body of a create-message, follow-up or interaction-reply request.</summary>
public sealed class MessageRequest
{
    /// <summary>Text, at most 2000 characters.</summary>
    public string? Content { get; set; }
    /// <summary>Up to 10 embeds, 6000 characters of text together.</summary>
    public List<Embed>? Embeds { get; set; }
    /// <summary>Who may be pinged; <see cref="AllowedMentions.None"/> for feed text.</summary>
    public AllowedMentions? AllowedMentions { get; set; }
    /// <summary>Message components (buttons).</summary>
    public List<MessageComponent>? Components { get; set; }
    /// <summary>Message flags; 64 = ephemeral (interaction replies only), 4096 = no notification (@silent).</summary>
    public int? Flags { get; set; }
    /// <summary>At most 25 characters; with <see cref="EnforceNonce"/>, repeats return the first message instead of posting again.</summary>
    public string? Nonce { get; set; }
    /// <summary>Make <see cref="Nonce"/> deduplicate (create message only).</summary>
    public bool? EnforceNonce { get; set; }
}

/// <summary>The <c>allowed_mentions</c> object.</summary>
public sealed class AllowedMentions
{
    /// <summary>Mention kinds to parse from content: "roles", "users", "everyone".</summary>
    public List<string>? Parse { get; set; }

    /// <summary>Role ids that may be pinged (at most 100); with an empty <see cref="Parse"/>, exactly these.</summary>
    public List<string>? Roles { get; set; }

    /// <summary>User ids that may be pinged (at most 100).</summary>
    public List<string>? Users { get; set; }

    /// <summary>Pings exactly these roles and users, nobody else, whatever the text says.</summary>
    public static AllowedMentions Only(IReadOnlyList<string> roles, IReadOnlyList<string> users) =>
        new() { Parse = [], Roles = roles.Count > 0 ? [.. roles] : null, Users = users.Count > 0 ? [.. users] : null };

    /// <summary>Pings nobody, whatever the text says.</summary>
    public static AllowedMentions None => new() { Parse = [] };
}

/// <summary>A minimal component: an action row (type 1) holding link or custom buttons (type 2).</summary>
public sealed class MessageComponent
{
    /// <summary>1 action row, 2 button.</summary>
    public int Type { get; set; }
    /// <summary>Children of an action row.</summary>
    public List<MessageComponent>? Components { get; set; }
    /// <summary>Button style: 1 primary … 5 link.</summary>
    public int? Style { get; set; }
    /// <summary>Button label, at most 80 characters.</summary>
    public string? Label { get; set; }
    /// <summary>Custom id of a non-link button.</summary>
    public string? CustomId { get; set; }
    /// <summary>URL of a link button.</summary>
    public string? Url { get; set; }
    /// <summary>Greyed out.</summary>
    public bool? Disabled { get; set; }

    /// <summary>An action row with one link button.</summary>
    public static MessageComponent LinkRow(string label, string url) => new()
    {
        Type = 1,
        Components = [new MessageComponent { Type = 2, Style = 5, Label = label, Url = url }],
    };
}

/// <summary>A message as Discord returns it (the fields the bot reads).</summary>
public sealed class DiscordMessage
{
    /// <summary>Message id.</summary>
    public ulong Id { get; set; }
    /// <summary>Channel id.</summary>
    public ulong ChannelId { get; set; }
    /// <summary>Text.</summary>
    public string? Content { get; set; }
    /// <summary>The nonce sent with it, echoed back.</summary>
    public System.Text.Json.JsonElement? Nonce { get; set; }
    /// <summary>When it was posted.</summary>
    public DateTimeOffset? Timestamp { get; set; }
    /// <summary>Files attached to it.</summary>
    public List<DiscordAttachment>? Attachments { get; set; }
}
