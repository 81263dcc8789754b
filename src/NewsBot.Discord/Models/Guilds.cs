namespace NewsBot.Discord;

/// <summary>A guild as the bot sees it: who owns it and what each role may do.</summary>
public sealed class DiscordGuild
{
    /// <summary>Guild id.</summary>
    public ulong Id { get; set; }
    /// <summary>Name.</summary>
    public string? Name { get; set; }
    /// <summary>The owner, who holds every permission.</summary>
    public ulong OwnerId { get; set; }
    /// <summary>Roles; the one whose id is the guild's id is @everyone.</summary>
    public List<DiscordRole> Roles { get; set; } = [];
}

/// <summary>A role and its guild-wide permissions.</summary>
public sealed class DiscordRole
{
    /// <summary>Role id.</summary>
    public ulong Id { get; set; }
    /// <summary>Guild-wide permission bits.</summary>
    public DiscordPermissions Permissions { get; set; }
}

/// <summary>A member of a guild: the roles they hold.</summary>
public sealed class DiscordGuildMember
{
    /// <summary>Role ids (@everyone is implied, not listed).</summary>
    public List<ulong> Roles { get; set; } = [];
}
