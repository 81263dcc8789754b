using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

public sealed class IndexModel(PanelAccess access, DbFactory dbs) : PageModel
{
    public sealed record Row(ChatChannel Channel, int Feeds, int Topics);

    public List<Row> Channels { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visible = await access.VisibleChannelsAsync(User, ct);
        var ids = visible.Select(c => c.Id).ToList();
        await using var db = dbs.Create();
        var counts = await db.Subscriptions.Where(s => ids.Contains(s.ChannelId))
            .GroupBy(s => s.ChannelId).Select(g => new { g.Key, Feeds = g.Count(s => s.FeedId != null), Topics = g.Count(s => s.FeedId == null) })
            .ToDictionaryAsync(g => g.Key, ct);
        Channels = visible.Select(c => new Row(c, counts.GetValueOrDefault(c.Id)?.Feeds ?? 0, counts.GetValueOrDefault(c.Id)?.Topics ?? 0)).ToList();
    }
}
