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

    /// <summary>How a post of <paramref name="feedUrl"/> would look in a channel: the subscription's settings over the channel's, its zone and language.</summary>
    public static async Task<(DisplaySettings Display, string TimeZone, string? Language)> ForFeedAsync(DbFactory dbs, Commands.ChannelRef channelRef, string feedUrl, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var channel = await db.Channels.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Platform == channelRef.Platform && c.ExternalId == channelRef.ExternalId && c.ThreadId == channelRef.ThreadId, ct);
        if (channel is null)
        {
            return (DisplaySettings.None, "UTC", null);
        }
        var own = await db.Subscriptions.AsNoTracking().Where(s => s.ChannelId == channel.Id && s.Feed!.Url == feedUrl).Select(s => s.Display).FirstOrDefaultAsync(ct);
        return (DisplaySettings.FromJson(own).Over(DisplaySettings.FromJson(channel.Display)), channel.TimeZone, channel.SummaryLanguage);
    }
}
