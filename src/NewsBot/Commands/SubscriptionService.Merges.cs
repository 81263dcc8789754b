using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;

namespace NewsBot.Commands;

public sealed partial class SubscriptionService
{
    /// <summary>The articles merged into other feeds' posts of the same story in this chat over the last day.</summary>
    public async Task<MergeReport.Summary?> MergesAsync(ChannelRef channelRef, DateTime now, int latest, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var channel = await db.Channels.AsNoTracking()
            .Where(c => c.Platform == channelRef.Platform && c.ExternalId == channelRef.ExternalId && c.ThreadId == channelRef.ThreadId)
            .Select(c => (long?)c.Id)
            .SingleOrDefaultAsync(ct);
        if (channel is not { } id)
        {
            return null;
        }
        var report = await MergeReport.LastDayAsync(db, [id], now, latest, ct);
        return report.GetValueOrDefault(id);
    }
}
