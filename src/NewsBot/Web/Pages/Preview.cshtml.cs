using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Discord;
using NewsBot.DiscordBot;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Telegram;
using NewsBot.Web.Panel;

namespace NewsBot.Web.Pages;

/// <summary>
/// The next post this channel would get, rendered exactly as its platform would receive it (Telegram's HTML, Discord's
/// embed) with the channel's settings (summary language and script, time zone): the oldest post waiting to be sent,
/// else the newest article of one of its feeds. Reads only; an article never summarized is summarized for the page alone.
/// </summary>
public sealed class PreviewModel(PanelAccess access, DbFactory dbs, IArticleSummarizer summarizer) : ChannelPageModel(access, dbs)
{
    public Post? Post { get; private set; }

    /// <summary>The post is the next one waiting to be sent here (else it is a feed's newest article).</summary>
    public bool Waiting { get; private set; }

    /// <summary>What the platform is sent: Telegram's HTML text, or Discord's embed as JSON.</summary>
    public string? Payload { get; private set; }

    public List<(long Id, string Name)> Feeds { get; private set; } = [];

    public long? Feed { get; private set; }

    public async Task OnGetAsync(long? feed, CancellationToken ct)
    {
        await using var db = Dbs.Create();
        Feeds = (await db.Subscriptions.AsNoTracking().Where(s => s.ChannelId == Id && s.FeedId != null)
            .Select(s => new { s.Feed!.Id, Name = s.Feed.Title ?? s.Feed.Url }).ToListAsync(ct)).Select(f => (f.Id, f.Name)).ToList();
        Feed = feed is { } chosen && Feeds.Any(f => f.Id == chosen) ? chosen : null;

        var row = Feed is not null ? null : await db.Outbox.AsNoTracking().Include(o => o.Article).ThenInclude(a => a!.Feed)
            .Where(o => o.ChannelId == Id && o.State == OutboxState.Pending).OrderBy(o => o.Id).FirstOrDefaultAsync(ct);
        Waiting = row is not null;
        var article = row?.Article;
        if (article is null)
        {
            var feeds = Feed is { } f ? [f] : Feeds.Select(x => x.Id).ToList();
            article = await db.Articles.AsNoTracking().Include(a => a.Feed)
                .Where(a => feeds.Contains(a.FeedId) && !a.IsTombstone).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        }
        if (article is null)
        {
            return;
        }
        article.Summary ??= await summarizer.SummarizeAsync(article.Title, article.PageText ?? article.Text ?? "", ct);
        var display = await PostDisplays.ForAsync(db, Channel, article.FeedId, row?.Topic, ct);
        Post = PostFactory.From(article, [], row, Channel.SummaryLanguage, display);
        Payload = Channel.Platform switch
        {
            Platforms.Telegram => TelegramRender.Post(Post, TelegramRender.Zone(Channel.TimeZone), TelegramText.MaxText).Html,
            Platforms.Discord => JsonSerializer.Serialize(DiscordSender.PostMessage(Post, TelegramRender.Zone(Channel.TimeZone), null), new JsonSerializerOptions(DiscordJson.Options) { WriteIndented = true }),
            _ => null,
        };
    }
}
