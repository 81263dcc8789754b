using System.Collections.Concurrent;
using System.Globalization;

namespace NewsBot.DiscordBot;

/// <summary>
/// What the gateway told us about guilds: their system channel, where the notice goes when the bot loses one of the
/// guild's channels (a notice row, sent once by the delivery worker).
/// </summary>
public sealed class GuildDirectory
{
    private readonly ConcurrentDictionary<ulong, ulong> _systemChannels = new();

    public void SetSystemChannel(ulong guildId, ulong? channelId)
    {
        if (channelId is { } id)
        {
            _systemChannels[guildId] = id;
        }
        else
        {
            _systemChannels.TryRemove(guildId, out _);
        }
    }

    public void Forget(ulong guildId) => _systemChannels.TryRemove(guildId, out _);

    /// <summary>Where a guild's people read the bot's notices when one of its channels is lost; null until the gateway said.</summary>
    public ulong? SystemChannelOf(string? guildId) =>
        ulong.TryParse(guildId, NumberStyles.None, CultureInfo.InvariantCulture, out var guild) && _systemChannels.TryGetValue(guild, out var system) ? system : null;
}
