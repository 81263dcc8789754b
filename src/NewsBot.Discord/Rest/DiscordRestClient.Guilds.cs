namespace NewsBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>Reads a guild the bot is in (owner and roles); 403/404 when it is not.</summary>
    public Task<DiscordGuild> GetGuildAsync(ulong guildId, CancellationToken cancellationToken = default)
    {
        var route = new DiscordRoute(HttpMethod.Get, $"guilds/{Id(guildId)}", "guilds/{guild_id}", Id(guildId));
        return SendAsync<DiscordGuild>(route, null, cancellationToken)!;
    }

    /// <summary>Reads one member's roles; 404 (Unknown Member) when the user is not in the guild.</summary>
    public Task<DiscordGuildMember> GetGuildMemberAsync(ulong guildId, ulong userId, CancellationToken cancellationToken = default)
    {
        var route = new DiscordRoute(HttpMethod.Get, $"guilds/{Id(guildId)}/members/{Id(userId)}", "guilds/{guild_id}/members/{user_id}", Id(guildId));
        return SendAsync<DiscordGuildMember>(route, null, cancellationToken)!;
    }
}
