using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsBot.Commands;
using NewsBot.Digests;
using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>One channel: its subscriptions with their feeds' health, and every change to them, through SubscriptionService's rules.</summary>
public sealed class ChannelModel(PanelAccess access, DbFactory dbs, SubscriptionService subscriptions, DigestCommand digests, TimeProvider time) : ChannelPageModel(access, dbs)
{
    public const long MaxOpmlBytes = 1024 * 1024;

    public sealed record Row(long Id, string? Topic, string? FeedUrl, string? FeedTitle, string? Filter, DeliveryMode Mode, TimeSpan? Interval,
        DateTime? LastCheckedAt, DateTime? LastSuccessAt, int ErrorCount, string? LastError, DateTime NextCheckAt, DateTime? DisabledAt, string? DisplayJson,
        string? RecentChecks, DateTime? PausedAt)
    {
        public DisplaySettings Display => DisplaySettings.FromJson(DisplayJson);

        public IReadOnlyList<CheckEntry> History => CheckHistory.Read(RecentChecks);
    }

    /// <summary>The channel's display defaults, which every subscription here starts from.</summary>
    public DisplaySettings Defaults { get; private set; } = DisplaySettings.None;

    public List<Row> Subscriptions { get; private set; } = [];

    public List<ChatChannel> Others { get; private set; } = [];

    public string? Digest { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool Failed { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = Dbs.Create();
        Subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.ChannelId == Id).OrderBy(s => s.FeedId == null).ThenBy(s => s.Id)
            .Select(s => new Row(s.Id, s.Topic, s.Feed!.Url, s.Feed.Title, s.Filter, s.Mode, s.Feed.Interval,
                s.Feed.LastCheckedAt, s.Feed.LastSuccessAt, s.Feed.ErrorCount, s.Feed.LastError, s.Feed.NextCheckAt, s.Feed.DisabledAt, s.Display, s.Feed.RecentChecks, s.PausedAt))
            .ToListAsync(ct);
        Defaults = DisplaySettings.FromJson(Channel.Display);
        var digest = await db.DigestSchedules.AsNoTracking().SingleOrDefaultAsync(d => d.ChannelId == Id, ct);
        Digest = digest is null ? null : new DigestSpec(digest.Cron, digest.TimeZone).Describe(Lang.IsChinese ? "zh" : "en");
        Others = (await Access.VisibleChannelsAsync(User, ct)).Where(c => c.Id != Id).ToList();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var feeds = await subscriptions.ExportAsync(Ref, ct);
        var bytes = OpmlDocument.Write($"NewsBot subscriptions of {ChannelName.Of(Channel)}", feeds, time.GetUtcNow());
        return File(bytes, "text/x-opml", $"newsbot-{Channel.Platform}-{Channel.ExternalId}.opml");
    }

    public async Task<IActionResult> OnPostAddAsync(string? url, string? filter, string? interval, CancellationToken ct)
    {
        if (!TryInterval(interval, out var every))
        {
            return Done(false, Lang.T("The interval is not a duration such as 10m or 2h.", "间隔格式不对，例如 10m 或 2h。"));
        }
        var result = await subscriptions.SubscribeAsync(new SubscribeRequest(Ref, url ?? "", filter, Interval: every), ct);
        return Done(result.Ok, result.Message);
    }

    public async Task<IActionResult> OnPostEditAsync(long sid, string? filter, string? interval, CancellationToken ct)
    {
        if (!TryInterval(interval, out var every))
        {
            return Done(false, Lang.T("The interval is not a duration such as 10m or 2h.", "间隔格式不对，例如 10m 或 2h。"));
        }
        var result = await subscriptions.EditAsync(Id, sid, filter, every, ct);
        return Done(result.Ok, result.Message);
    }

    /// <summary>
    /// The display settings of one feed subscription (<paramref name="sid"/>) or, without it, the channel's defaults. An
    /// empty field unsets that option. Each value goes through the same checks as `/set`; nothing is stored unless all pass.
    /// </summary>
    public async Task<IActionResult> OnPostDisplayAsync(long? sid, string? format, string? media, string? preview, string? silent, string? title, string? summary, CancellationToken ct)
    {
        string? feedRef = null;
        if (sid is { } one)
        {
            await using var db = Dbs.Create();
            feedRef = await db.Subscriptions.AsNoTracking().Where(s => s.Id == one && s.ChannelId == Id && s.FeedId != null).Select(s => s.Feed!.Url).SingleOrDefaultAsync(ct);
            if (feedRef is null)
            {
                return Done(false, Lang.T("No such feed subscription in this channel.", "本频道没有这个订阅源。"));
            }
        }
        var fields = new (string Option, string? Value)[] { ("format", format), ("media", media), ("preview", preview), ("silent", silent), ("title", title), ("summary", summary) };
        var (name, problem) = await subscriptions.ChangeDisplayAsync(Ref, feedRef, old =>
        {
            var settings = old;
            foreach (var (option, value) in fields)
            {
                if (!DisplayOptions.TryApply(settings, option, string.IsNullOrWhiteSpace(value) ? "reset" : value, null, out settings, out var error))
                {
                    return (null, $"{option}: {error}");
                }
            }
            return (settings, "");
        }, ct);
        return name is null
            ? Done(false, Lang.T($"Not saved: {problem}", $"未保存：{problem}"))
            : Done(true, Lang.T($"Display settings saved for {(name.Length == 0 ? "this channel" : name)}.", $"已保存{(name.Length == 0 ? "本频道" : name)}的显示设置。"));
    }

    public async Task<IActionResult> OnPostTopicAsync(string? topic, CancellationToken ct)
    {
        var result = await subscriptions.AddTopicAsync(Ref, topic ?? "", ct);
        return Done(result.Ok, result.Message);
    }

    public async Task<IActionResult> OnPostBulkAsync(string? action, long[]? ids, long? target, CancellationToken ct)
    {
        var chosen = ids ?? [];
        if (chosen.Length == 0)
        {
            return Done(false, Lang.T("Select at least one subscription.", "请至少选择一个订阅。"));
        }
        switch (action)
        {
            case "delete":
                var removed = await subscriptions.RemoveManyAsync(Id, chosen, ct);
                return Done(true, Lang.T($"Deleted {removed}.", $"已删除 {removed} 个。"));
            case "pause" or "resume":
                var changed = await subscriptions.SetPausedAsync(Id, chosen, action == "pause", ct);
                return Done(true, action == "pause"
                    ? Lang.T($"Paused {changed}: nothing new from them is posted here until you resume them.", $"已暂停 {changed} 个：恢复前不会推送它们的新内容。")
                    : Lang.T($"Resumed {changed}.", $"已恢复 {changed} 个。"));
            case "move":
                await using (var db = Dbs.Create())
                {
                    // The target is authorized on its own: managing this channel says nothing about another one.
                    var to = target is { } t ? await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == t, ct) : null;
                    if (to is null || !await Access.CanManageAsync(User, to, ct))
                    {
                        return StatusCode(StatusCodes.Status403Forbidden);
                    }
                }
                var moved = await subscriptions.MoveAsync(Id, target!.Value, chosen, ct);
                return Done(moved.Ok, moved.Message);
            default:
                return Done(false, "unknown action");
        }
    }

    public async Task<IActionResult> OnPostPauseAsync(CancellationToken ct)
    {
        await using var db = Dbs.Create();
        var reason = $"paused in the web panel by {User.DisplayName()}";
        await db.Channels.Where(c => c.Id == Id && c.PausedAt == null).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.PausedAt, time.GetUtcNow().UtcDateTime).SetProperty(c => c.PausedReason, reason), ct);
        return Done(true, Lang.T("Paused: nothing is posted here until you resume.", "已暂停：恢复前不会在此推送。"));
    }

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken ct)
    {
        if (Channel.Platform == Platforms.Discord && HttpContext.RequestServices.GetService<DiscordBot.DiscordChannels>() is { } discord)
        {
            // Also forgets the REST client's memory of a channel it could not use.
            await discord.ResumeAsync(Channel.ExternalId, ct);
        }
        await using var db = Dbs.Create();
        await db.Channels.Where(c => c.Id == Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.PausedAt, (DateTime?)null).SetProperty(c => c.PausedReason, (string?)null), ct);
        return Done(true, Lang.T("Resumed.", "已恢复。"));
    }

    public async Task<IActionResult> OnPostDigestAsync(string? spec, CancellationToken ct)
    {
        // The same command the chats use, so both share one parser and one set of rules.
        var context = new CommandContext(Ref, User.DisplayName(), IsAdmin: true, Lang.IsChinese ? "zh" : "en", Channel.Title, Channel.GuildId);
        var reply = await digests.HandleAsync(context, (spec ?? "").Trim(), ct);
        return Done(!reply.Private, reply.Text);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return Done(false, Lang.T("Choose an OPML file.", "请选择 OPML 文件。"));
        }
        if (file.Length > MaxOpmlBytes)
        {
            return Done(false, Lang.T("The file is larger than 1 MiB.", "文件超过 1 MiB。"));
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        if (!OpmlDocument.TryRead(buffer.ToArray(), out var list, out var error))
        {
            return Done(false, Lang.T($"Could not import: {error}.", $"无法导入：{error}。"));
        }
        var result = await subscriptions.ImportAsync(Ref, list, ct);
        var text = Lang.T($"Imported {result.Added} feeds ({result.AlreadySubscribed} already subscribed).", $"已导入 {result.Added} 个订阅源（{result.AlreadySubscribed} 个已订阅）。");
        if (result.Problems.Count > 0)
        {
            text += " " + Lang.T("Skipped: ", "已跳过：") + string.Join("; ", result.Problems.Take(10));
        }
        return Done(true, text);
    }

    private RedirectResult Done(bool ok, string message)
    {
        Message = message;
        Failed = !ok;
        // Post/redirect/get: a reload never sends the form twice.
        return Redirect($"/channels/{Id}");
    }

    private static bool TryInterval(string? text, out TimeSpan? interval)
    {
        interval = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (Durations.TryParse(text, out var value))
        {
            interval = value;
            return true;
        }
        return false;
    }
}
