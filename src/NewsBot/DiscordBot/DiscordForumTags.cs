using System.Globalization;
using NewsBot.Commands;
using NewsBot.Discord.Rest;
using NewsBot.Storage;

namespace NewsBot.DiscordBot;

/// <summary>Reads a forum's tags from Discord each time: an admin who just added a tag expects `/set tags` to know it.</summary>
public sealed class DiscordForumTags(DiscordRestClient rest) : IForumTags
{
    public async Task<IReadOnlyList<(string Id, string Name)>?> OfAsync(ChannelRef channel, CancellationToken ct)
    {
        if (channel.Platform != Platforms.Discord || !ulong.TryParse(channel.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var found = await rest.GetChannelAsync(id, ct);
        return found.IsForum ? (found.AvailableTags ?? []).Select(t => (t.Id, t.Name)).ToList() : null;
    }
}
