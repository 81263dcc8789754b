using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>The panel's preview of the next post: the platform's own rendering, with the channel's language settings.</summary>
public sealed class PanelPreviewTests
{
    private const long Ann = 531;

    [Fact]
    public async Task The_next_waiting_post_or_a_feeds_newest_is_shown_as_telegram_will_get_it()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        var (feedId, channelId) = await h.AdminChannelAsync(-100511, Ann);
        using var client = await TelegramLoginLink.SignedInAsync(url, Ann);
        async Task<string> Preview(string query = "") => WebUtility.HtmlDecode(await client.GetStringAsync($"{url}/channels/{channelId}/preview{query}"));

        Assert.Contains("id=\"preview-none\"", await Preview(), StringComparison.Ordinal);

        var now = DateTime.UtcNow;
        await using (var db = h.Dbs.Create())
        {
            (await db.Channels.SingleAsync(c => c.Id == channelId)).SummaryLanguage = "zh-Hant";
            db.Articles.Add(new Article
            {
                FeedId = feedId,
                DedupeKey = "newest",
                Title = "长江流域遭遇持续强降雨",
                Url = "https://news.example.com/a/rain",
                Text = "入汛以来，长江中下游地区连续一周出现强降雨，多条河流水位超过警戒线。",
                PublishedAt = now.AddMinutes(1),
                FirstSeenAt = now,
            });
            // Sent already and then paused: waiting rows come first, so the stopped delivery worker leaves it in place.
            (await db.Channels.SingleAsync(c => c.Id == channelId)).PausedAt = now;
            db.Outbox.Add(new OutboxEntry
            {
                ChannelId = channelId,
                State = OutboxState.Pending,
                Nonce = Router.NewNonce(),
                CreatedAt = now,
                NextAttemptAt = now,
                Article = new Article { FeedId = feedId, DedupeKey = "waiting", Title = "国产大飞机C919开通第五条商业航线", Url = "https://news.example.com/a/c919", Summary = "东方航空表示，公司目前已接收8架C919。", PublishedAt = now, FirstSeenAt = now },
            });
            await db.SaveChangesAsync();
        }

        var next = await Preview();
        Assert.Contains("<h2>國產大飛機C919開通第五條商業航線</h2>", next, StringComparison.Ordinal);
        Assert.Contains("東方航空表示，公司目前已接收8架C919。", next, StringComparison.Ordinal);
        // The payload is shown as text: Telegram's HTML, escaped into the page, never run by it.
        Assert.Contains("<b><a href=\"https://news.example.com/a/c919\">國產大飛機C919開通第五條商業航線</a></b>", next, StringComparison.Ordinal);
        Assert.DoesNotContain("<b><a href", await client.GetStringAsync($"{url}/channels/{channelId}/preview"), StringComparison.Ordinal);

        var newest = await Preview($"?feed={feedId}");
        Assert.Contains("<h2>長江流域遭遇持續強降雨</h2>", newest, StringComparison.Ordinal);
        Assert.Contains("長江中下游", newest, StringComparison.Ordinal);
    }
}
