using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>What the outbox holds for one channel: sent, waiting (for a retry or the digest), merged, failed and why.</summary>
public sealed class LogModel(PanelAccess access, DbFactory dbs) : ChannelPageModel(access, dbs)
{
    public const int MaxEntries = 200;

    public sealed record Entry(DateTime CreatedAt, DateTime? SentAt, string Title, string Feed, OutboxState State, int Attempts, string? LastError, DateTime NextAttemptAt, string? PlatformMessageId);

    public List<Entry> Entries { get; private set; } = [];

    public List<(OutboxState State, int Count)> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = Dbs.Create();
        Entries = await db.Outbox.AsNoTracking().Where(o => o.ChannelId == Id)
            .OrderByDescending(o => o.Id).Take(MaxEntries)
            .Select(o => new Entry(o.CreatedAt, o.SentAt, o.Article!.Title, o.Article.Feed!.Title ?? o.Article.Feed.Url, o.State, o.Attempts, o.LastError, o.NextAttemptAt, o.PlatformMessageId))
            .ToListAsync(ct);
        Counts = (await db.Outbox.Where(o => o.ChannelId == Id).GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count)).ToList();
    }

    public string StateName(OutboxState state) => state switch
    {
        OutboxState.Sent => Lang.T("sent", "已发送"),
        OutboxState.Pending => Lang.T("waiting", "等待中"),
        OutboxState.Digest => Lang.T("in digest", "待汇总"),
        OutboxState.Failed => Lang.T("failed", "失败"),
        OutboxState.Merged => Lang.T("merged", "已合并"),
        _ => state.ToString(),
    };
}
