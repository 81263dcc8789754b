namespace NewsBot.Discord;

/// <summary>The permission bits the bot looks at (Discord defines many more; unknown bits are kept).</summary>
[Flags]
public enum DiscordPermissions : ulong
{
    /// <summary>No permission.</summary>
    None = 0,
    /// <summary>ADMINISTRATOR.</summary>
    Administrator = 1UL << 3,
    /// <summary>MANAGE_CHANNELS.</summary>
    ManageChannels = 1UL << 4,
    /// <summary>MANAGE_GUILD: the default gate for admin-only commands.</summary>
    ManageGuild = 1UL << 5,
    /// <summary>VIEW_CHANNEL.</summary>
    ViewChannel = 1UL << 10,
    /// <summary>SEND_MESSAGES.</summary>
    SendMessages = 1UL << 11,
    /// <summary>EMBED_LINKS.</summary>
    EmbedLinks = 1UL << 14,
    /// <summary>MANAGE_WEBHOOKS.</summary>
    ManageWebhooks = 1UL << 29,
    /// <summary>SEND_MESSAGES_IN_THREADS.</summary>
    SendMessagesInThreads = 1UL << 38,
}
