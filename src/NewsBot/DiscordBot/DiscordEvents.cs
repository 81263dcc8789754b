using System.Globalization;
using System.Text.Json;

namespace NewsBot.DiscordBot;

/// <summary>
/// Gateway dispatches that change where the bot may post: a guild's system channel (for notices), the bot leaving a
/// guild, a channel or thread deleted. Interactions are handled by <see cref="InteractionHandler"/>.
/// </summary>
public sealed class DiscordEvents(GuildDirectory guilds, DiscordChannels channels)
{
    public async Task HandleAsync(string name, JsonElement data, CancellationToken ct)
    {
        if (data.ValueKind != JsonValueKind.Object || Snowflake(data, "id") is not { } id)
        {
            return;
        }
        switch (name)
        {
            case "GUILD_CREATE" or "GUILD_UPDATE":
                guilds.SetSystemChannel(id, Snowflake(data, "system_channel_id"));
                break;
            // "unavailable": true is an outage, not a removal; the guild comes back with GUILD_CREATE.
            case "GUILD_DELETE" when !(data.TryGetProperty("unavailable", out var u) && u.ValueKind == JsonValueKind.True):
                guilds.Forget(id);
                await channels.PauseGuildAsync(Text(id), "the bot was removed from the Discord server", ct);
                break;
            case "CHANNEL_DELETE" or "THREAD_DELETE":
                await channels.PauseChannelAsync(Text(id), "the Discord channel was deleted", ct);
                break;
        }
    }

    private static ulong? Snowflake(JsonElement data, string property) =>
        data.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String
        && ulong.TryParse(p.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Text(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
