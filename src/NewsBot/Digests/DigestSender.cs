using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;

namespace NewsBot.Digests;

public enum DigestRunResult
{
    /// <summary>Every page was accepted (or there was nothing to send).</summary>
    Done,
    /// <summary>The platform asked to wait; the unsent rows stay for a retry.</summary>
    RetryLater,
    /// <summary>The channel is paused or its platform is not configured here, or this fire time was already served.</summary>
    Skipped,
    /// <summary>The channel has no digest schedule any more.</summary>
    NoSchedule,
}

/// <summary>
/// Sends a channel's waiting digest rows as one message, or as few as the platform allows. Rows are marked Sent
/// (or Merged) per page, only after the platform accepted that page, so a crash mid-digest neither loses nor repeats.
/// </summary>
public sealed class DigestSender(DbFactory dbs, IEnumerable<IChannelSender> senders, TimeProvider time, ILogger<DigestSender> logger)
{
    /// <summary>Most stories in one digest run; more wait for the next run rather than making an endless message.</summary>
    public const int MaxStories = 300;

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Platform);
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _channelLocks = new();

    public async Task<DigestRunResult> SendAsync(long channelId, CancellationToken ct)
    {
        // A scheduled run and a retry of the same channel never interleave their pages.
        var gate = _channelLocks.GetOrAdd(channelId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await SendLockedAsync(channelId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DigestRunResult> SendLockedAsync(long channelId, CancellationToken ct)
    {
        ChatChannel? channel;
        List<OutboxEntry> rows;
        Dictionary<long, List<string>> mergedSources;
        Dictionary<long, List<long>> listedMerges;
        Dictionary<long, string> names;
        await using (var db = dbs.Create())
        {
            channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId, ct);
            if (channel is null || channel.PausedAt is not null || !_senders.ContainsKey(channel.Platform))
            {
                return DigestRunResult.Skipped;
            }
            rows = await db.Outbox.AsNoTracking().Include(o => o.Article).ThenInclude(a => a!.Feed)
                .Where(o => o.ChannelId == channelId && o.State == OutboxState.Digest)
                .OrderBy(o => o.Id).Take(MaxStories).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return DigestRunResult.Done;
            }
            var ids = rows.Select(r => r.Id).ToList();
            var merged = await db.Outbox.Where(o => o.MergedIntoId != null && ids.Contains(o.MergedIntoId.Value))
                .Select(o => new { o.Id, Into = o.MergedIntoId!.Value, o.Article!.Feed!.Title, o.Article.Feed.Url })
                .ToListAsync(ct);
            mergedSources = merged.GroupBy(m => m.Into).ToDictionary(g => g.Key, g => g.Select(m => StorySources.SourceName(m.Title, m.Url)).ToList());
            listedMerges = merged.GroupBy(m => m.Into).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToList());
            names = await FeedNamesAsync(db, channel, ct);
        }

        var items = Cluster(rows, mergedSources, channel.SummaryLanguage, names);
        var sender = _senders[channel.Platform];
        var parts = DigestBuilder.Paginate(items, Heading(channel), sender.FitsOneMessage);
        var nonces = rows.ToDictionary(r => r.Id, r => r.Nonce);
        foreach (var part in parts)
        {
            SendOutcome outcome;
            try
            {
                // The first row's nonce: a page resent after a crash is dropped by platforms that honour nonces.
                outcome = await sender.SendDigestAsync(channel, part.Page, nonces[part.Items[0].RepresentativeId], ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = new SendOutcome(SendStatus.Retry, Error: e.Message);
            }
            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    await MarkAsync(part, OutboxState.Sent, outcome.MessageId, null, listedMerges);
                    break;
                case SendStatus.Rejected:
                    logger.LogWarning("Digest page for channel {Channel} rejected: {Error}", channelId, outcome.Error);
                    await MarkAsync(part, OutboxState.Failed, null, outcome.Error, listedMerges);
                    break;
                case SendStatus.ChannelGone:
                    await PauseAsync(channelId, outcome.Error);
                    return DigestRunResult.Skipped;
                default:
                    // Moved or rate limited: the delivery worker moves chats; the digest waits and tries again.
                    logger.LogInformation("Digest for channel {Channel} postponed: {Error}", channelId, outcome.Error);
                    return DigestRunResult.RetryLater;
            }
        }
        return DigestRunResult.Done;
    }

    /// <summary>The names this channel gave its feeds (the display setting `title`, its own or the channel's default), by feed.</summary>
    private static async Task<Dictionary<long, string>> FeedNamesAsync(NewsBotDb db, ChatChannel channel, CancellationToken ct)
    {
        var defaults = DisplaySettings.FromJson(channel.Display);
        var own = await db.Subscriptions.AsNoTracking().Where(s => s.ChannelId == channel.Id && s.FeedId != null)
            .Select(s => new { FeedId = s.FeedId!.Value, s.Display }).ToListAsync(ct);
        var names = new Dictionary<long, string>();
        foreach (var s in own)
        {
            if (DisplaySettings.FromJson(s.Display).Over(defaults).Title is { } name)
            {
                names[s.FeedId] = name;
            }
        }
        return names;
    }

    /// <summary>Rows of the same story from different feeds (merged at routing, or near-duplicates found now) become one item listing every source.</summary>
    private static List<DigestItem> Cluster(List<OutboxEntry> rows, Dictionary<long, List<string>> mergedSources, string? language, Dictionary<long, string> names)
    {
        string NameOf(Article article) => names.GetValueOrDefault(article.FeedId) ?? StorySources.SourceName(article.Feed?.Title, article.Feed?.Url ?? "");

        var clusters = new List<List<OutboxEntry>>();
        var keys = rows.ToDictionary(r => r.Id, r => Router.KeyOf(r.Article!));
        foreach (var row in rows)
        {
            var key = keys[row.Id];
            // Two articles of one feed are two stories, however alike: only other feeds' copies join a cluster.
            var home = clusters.FirstOrDefault(c => c.All(r => r.Article!.FeedId != row.Article!.FeedId) && key.SameStory(keys[c[0].Id]));
            if (home is null)
            {
                clusters.Add([row]);
            }
            else
            {
                home.Add(row);
            }
        }
        return clusters.Select(c =>
        {
            var first = c[0];
            var source = NameOf(first.Article!);
            var alsoIn = c.Skip(1).Select(r => NameOf(r.Article!))
                .Concat(c.SelectMany(r => mergedSources.GetValueOrDefault(r.Id) ?? []))
                .Where(s => s != source).Distinct(StringComparer.Ordinal).ToList();
            var post = PostFactory.From(first.Article!, alsoIn, first, language) with { Source = source };
            var group = c.Select(r => r.Topic).FirstOrDefault(t => t is not null) ?? source;
            return new DigestItem(post, group, first.Id, c.Skip(1).Select(r => r.Id).ToList());
        }).ToList();
    }

    /// <summary>
    /// Records a page: its stories sent (or failed), the near-duplicates folded into them merged, and the rows merged at
    /// routing that the page listed as sources shown. <paramref name="listed"/> is what was read before rendering: a row
    /// merged while the page was on its way is not on it and stays for <see cref="Delivery.MergedSourceEdits"/> to record.
    /// </summary>
    private async Task MarkAsync(DigestPart part, OutboxState state, string? messageId, string? error, Dictionary<long, List<long>> listed)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        var ids = part.Items.Select(i => i.RepresentativeId).ToList();
        // Not cancellable: once a page was accepted, recording it must not be skipped by shutdown.
        await db.Outbox.Where(o => ids.Contains(o.Id) && o.State == OutboxState.Digest).ExecuteUpdateAsync(u => u
            .SetProperty(o => o.State, state)
            .SetProperty(o => o.SentAt, state == OutboxState.Sent ? now : null)
            .SetProperty(o => o.PlatformMessageId, messageId)
            .SetProperty(o => o.SentInDigest, state == OutboxState.Sent)
            .SetProperty(o => o.LastError, error)
            .SetProperty(o => o.Attempts, o => o.Attempts + 1), CancellationToken.None);
        foreach (var item in part.Items.Where(i => i.MergedIds.Count > 0))
        {
            var merged = item.MergedIds.ToList();
            await db.Outbox.Where(o => merged.Contains(o.Id) && o.State == OutboxState.Digest).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.State, state == OutboxState.Sent ? OutboxState.Merged : state)
                .SetProperty(o => o.SentAt, state == OutboxState.Sent ? now : null)
                .SetProperty(o => o.MergedIntoId, item.RepresentativeId), CancellationToken.None);
        }
        var shown = part.Items.SelectMany(i => i.MergedIds.Prepend(i.RepresentativeId)).SelectMany(id => listed.GetValueOrDefault(id) ?? []).ToList();
        if (state == OutboxState.Sent && shown.Count > 0)
        {
            await db.Outbox.Where(o => shown.Contains(o.Id) && o.State == OutboxState.Merged && o.SentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.SentAt, now), CancellationToken.None);
        }
    }

    private async Task PauseAsync(long channelId, string? error)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        var channel = await db.Channels.SingleAsync(c => c.Id == channelId, CancellationToken.None);
        LostChannel.Pause(db, channel, error, now);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private string Heading(ChatChannel channel)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZones.Find(channel.TimeZone));
        return channel.Locale == "zh"
            ? $"新闻汇总 · {local.ToString("M月d日 dddd", CultureInfo.GetCultureInfo("zh-CN"))}"
            : $"News digest · {local.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}";
    }
}
