namespace NewsBot.Discord;

/// <summary>A channel (the fields the bot needs: where it lives and whether it is a thread).</summary>
public sealed class DiscordChannel
{
    /// <summary>Channel id.</summary>
    public ulong Id { get; set; }
    /// <summary>0 text, 1 DM, 2 voice, 4 category, 5 announcement, 10/11/12 threads, 15 forum, 16 media.</summary>
    public int Type { get; set; }
    /// <summary>Guild, absent for DMs.</summary>
    public ulong? GuildId { get; set; }
    /// <summary>The parent channel of a thread, or the category of a channel.</summary>
    public ulong? ParentId { get; set; }
    /// <summary>Name.</summary>
    public string? Name { get; set; }
    /// <summary>Who started the thread (threads only).</summary>
    public ulong? OwnerId { get; set; }

    /// <summary>The tags a forum's posts can carry (forums only).</summary>
    public List<ForumTag>? AvailableTags { get; set; }

    /// <summary>True for announcement, public and private threads.</summary>
    public bool IsThread => Type is 10 or 11 or 12;

    /// <summary>True for forum channels, which hold no messages of their own: every post there starts a thread.</summary>
    /// <remarks>Media channels (16) are left out: their posts need an uploaded image or video.</remarks>
    public bool IsForum => Type == 15;
}

/// <summary>One tag of a forum channel.</summary>
public sealed class ForumTag
{
    /// <summary>Tag id (a snowflake, as a string in JSON).</summary>
    public string Id { get; set; } = "";
    /// <summary>The tag's name, at most 20 characters.</summary>
    public string Name { get; set; } = "";
}
