using Microsoft.EntityFrameworkCore;
using NewsBot.Discord.Rest;
using NewsBot.Storage;

namespace NewsBot.DiscordBot;

/// <summary>Discord channel rows: which guild they belong to, pausing them when the bot loses them, resuming on request.</summary>
public sealed class DiscordChannels(DbFactory dbs, DiscordRestClient rest, TimeProvider time, ILogger<DiscordChannels> logger)
{
    /// <summary>Notes the guild of a channel, so that losing the guild can pause its channels.</summary>
    public async Task RememberGuildAsync(string channelId, string guildId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        await db.Channels.Where(c => c.Platform == Platforms.Discord && c.ExternalId == channelId && c.GuildId == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.GuildId, guildId), ct);
    }

    public async Task ResumeAsync(string channelId, CancellationToken ct)
    {
        if (ulong.TryParse(channelId, out var id))
        {
            rest.ResumeChannel(id);
        }
        await using var db = dbs.Create();
        await db.Channels.Where(c => c.Platform == Platforms.Discord && c.ExternalId == channelId && c.PausedAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PausedAt, (DateTime?)null).SetProperty(c => c.PausedReason, (string?)null), ct);
    }

    /// <summary>CHANNEL_DELETE / THREAD_DELETE: nothing more can be posted there.</summary>
    public Task<int> PauseChannelAsync(string channelId, string reason, CancellationToken ct) =>
        PauseAsync(c => c.ExternalId == channelId, reason, ct);

    /// <summary>GUILD_DELETE without "unavailable": the bot was removed from the guild.</summary>
    public Task<int> PauseGuildAsync(string guildId, string reason, CancellationToken ct) =>
        PauseAsync(c => c.GuildId == guildId, reason, ct);

    private async Task<int> PauseAsync(System.Linq.Expressions.Expression<Func<ChatChannel, bool>> which, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        var paused = await db.Channels.Where(c => c.Platform == Platforms.Discord && c.PausedAt == null).Where(which)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PausedAt, now).SetProperty(c => c.PausedReason, reason), ct);
        if (paused > 0)
        {
            logger.LogInformation("Paused {Count} Discord channel(s): {Reason}", paused, reason);
        }
        return paused;
    }
}
