using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Storage;
using NewsBot.Telegram;

namespace NewsBot.Web.Panel;

/// <summary>
/// Who may manage which channel. Discord: a guild the sign-in listed as managed, confirmed by the bot's own reading of
/// the guild's roles and the member's roles (owner, Administrator or Manage Server). Telegram: getChatMember says
/// administrator or creator (or it is the user's private chat with the bot). Operators (Web:Admins) manage everything.
/// Asked again on every request; Discord answers are kept for a minute, Telegram's as long as the commands keep them.
/// </summary>
public sealed class PanelAccess(PanelOptions options, DbFactory dbs, TimeProvider time, IServiceProvider services, ILogger<PanelAccess> logger)
{
    private static readonly TimeSpan GuildCheckLifetime = TimeSpan.FromMinutes(1);
    private readonly HashSet<string> _admins = options.AdminIds();
    private readonly ConcurrentDictionary<(ulong Guild, ulong User), (bool Manages, DateTimeOffset Until)> _guildChecks = new();

    public bool IsOperator(ClaimsPrincipal user) =>
        (user.Discord() is { } d && _admins.Contains("discord:" + d.ToString(CultureInfo.InvariantCulture)))
        || (user.Telegram() is { } t && _admins.Contains("telegram:" + t.ToString(CultureInfo.InvariantCulture)));

    public async Task<bool> CanManageAsync(ClaimsPrincipal user, ChatChannel channel, CancellationToken ct)
    {
        if (IsOperator(user))
        {
            return true;
        }
        switch (channel.Platform)
        {
            case Platforms.Discord:
                return user.Discord() is { } discordUser && channel.GuildId is { } guildText && user.ClaimedGuilds().Contains(guildText)
                    && ulong.TryParse(guildText, NumberStyles.None, CultureInfo.InvariantCulture, out var guild)
                    && await ManagesGuildAsync(guild, discordUser, ct);
            case Platforms.Telegram:
                if (user.Telegram() is not { } telegramUser || !long.TryParse(channel.ExternalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat))
                {
                    return false;
                }
                if (chat == telegramUser)
                {
                    return true;
                }
                return chat < 0 && services.GetService<TelegramAdmins>() is { } admins && await admins.IsAdminAsync(chat, telegramUser, ct);
            default:
                return false;
        }
    }

    /// <summary>The channels this user may manage, in a stable order.</summary>
    public async Task<List<ChatChannel>> VisibleChannelsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var query = db.Channels.AsNoTracking();
        if (!IsOperator(user))
        {
            var guilds = user.Discord() is null ? [] : user.ClaimedGuilds().ToList();
            var telegram = user.Telegram() is not null;
            query = query.Where(c => (c.Platform == Platforms.Discord && c.GuildId != null && guilds.Contains(c.GuildId)) || (telegram && c.Platform == Platforms.Telegram));
        }
        var candidates = await query.OrderBy(c => c.Platform).ThenBy(c => c.GuildId).ThenBy(c => c.ExternalId).ThenBy(c => c.ThreadId).ToListAsync(ct);
        var visible = new List<ChatChannel>();
        foreach (var channel in candidates)
        {
            if (await CanManageAsync(user, channel, ct))
            {
                visible.Add(channel);
            }
        }
        return visible;
    }

    private async Task<bool> ManagesGuildAsync(ulong guild, ulong user, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_guildChecks.TryGetValue((guild, user), out var known) && known.Until > now)
        {
            return known.Manages;
        }
        if (services.GetService<DiscordRestClient>() is not { } rest)
        {
            return false;
        }
        bool manages;
        try
        {
            var g = await rest.GetGuildAsync(guild, ct);
            if (g.OwnerId == user)
            {
                manages = true;
            }
            else
            {
                var member = await rest.GetGuildMemberAsync(guild, user, ct);
                var held = member.Roles.ToHashSet();
                var permissions = g.Roles.Where(r => r.Id == guild || held.Contains(r.Id)).Aggregate(DiscordPermissions.None, (p, r) => p | r.Permissions);
                manages = (permissions & (DiscordPermissions.Administrator | DiscordPermissions.ManageGuild)) != 0;
            }
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Unknown means no: the bot left the guild, the user left it, or Discord did not answer.
            logger.LogInformation("Could not confirm that user {User} manages guild {Guild}: {Error}", user, guild, e.Message);
            manages = false;
        }
        if (_guildChecks.Count > 50_000)
        {
            _guildChecks.Clear();
        }
        _guildChecks[(guild, user)] = (manages, now + GuildCheckLifetime);
        return manages;
    }
}
