using Microsoft.EntityFrameworkCore;
using NewsBot.Display;
using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>Finds the display settings an outbox row is posted with: its subscription's choices over its channel's defaults.</summary>
public static class PostDisplays
{
    /// <param name="topic">The topic that brought the row, when no feed subscription did.</param>
    public static async Task<DisplaySettings> ForAsync(NewsBotDb db, ChatChannel channel, long feedId, string? topic, CancellationToken ct)
    {
        var candidates = await db.Subscriptions.AsNoTracking()
            .Where(s => s.ChannelId == channel.Id && (s.FeedId == feedId || (topic != null && s.Topic == topic)))
            .Select(s => new { s.FeedId, s.Display, s.Id })
            .ToListAsync(ct);
        var own = candidates.OrderBy(s => s.FeedId == feedId ? 0 : 1).ThenBy(s => s.Id).Select(s => s.Display).FirstOrDefault();
        return DisplaySettings.FromJson(own).Over(DisplaySettings.FromJson(channel.Display));
    }
}
