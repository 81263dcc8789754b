using Microsoft.EntityFrameworkCore;
using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>Display settings in the panel: the channel's defaults and one feed's own, checked like `/set`, shaping the next post.</summary>
public sealed partial class PanelDisplayTests
{
    private const long Ann = 532;

    [Fact]
    public async Task Display_forms_store_defaults_and_a_feeds_own_settings_refuse_a_bad_template_and_shape_the_next_post()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        var (feedId, channelId) = await h.AdminChannelAsync(-100521, Ann);
        long sid;
        await using (var db = h.Dbs.Create())
        {
            sid = (await db.Subscriptions.SingleAsync(s => s.ChannelId == channelId)).Id;
        }
        using var client = await TelegramLoginLink.SignedInAsync(url, Ann);
        var page = await client.GetStringAsync($"{url}/channels/{channelId}");
        Assert.Contains("id=\"display-defaults\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"display-{sid}\"", page, StringComparison.Ordinal);
        var token = PanelForms.Token(page);

        Task<string> PostAsync(string query, params (string Key, string Value)[] fields) =>
            PanelForms.PostAsync(client, $"{url}/channels/{channelId}", "Display" + query, token, fields);

        var refused = await PostAsync("", ("format", "{title} {when}"), ("media", "off"));
        Assert.Contains("Not saved: format: the template is not valid: position 10: unknown placeholder 'when'", refused, StringComparison.Ordinal);
        Assert.Contains("Display settings saved for this channel", await PostAsync("", ("format", "compact"), ("silent", "on")), StringComparison.Ordinal);
        Assert.Contains("Display settings saved for Example News", await PostAsync($"&sid={sid}", ("format", "{title}\r\n{summary:30}"), ("media", "off"), ("title", "Desk")), StringComparison.Ordinal);
        var refusedLength = await PostAsync($"&sid={sid}", ("summary", "3"));
        Assert.Contains("summary: summary takes a length from 20 to 4000", refusedLength, StringComparison.Ordinal);

        await using (var db = h.Dbs.Create())
        {
            var defaults = DisplaySettings.FromJson((await db.Channels.SingleAsync(c => c.Id == channelId)).Display);
            Assert.Equal("compact", defaults.Format);
            Assert.True(defaults.Silent);
            Assert.Null(defaults.Media);
            var own = DisplaySettings.FromJson((await db.Subscriptions.SingleAsync(s => s.Id == sid)).Display);
            Assert.Equal("{title}\r\n{summary:30}", own.Format);
            Assert.Equal(MediaMode.Off, own.Media);
            Assert.Equal("Desk", own.Title);
            var now = DateTime.UtcNow;
            db.Outbox.Add(new OutboxEntry
            {
                ChannelId = channelId,
                State = OutboxState.Pending,
                Nonce = Router.NewNonce(),
                CreatedAt = now,
                NextAttemptAt = now,
                Article = new Article { FeedId = feedId, DedupeKey = "a", Title = "Bridge reopens after repairs", Url = "https://news.example.com/a/bridge", Summary = "The bridge reopened on Friday after two years of repairs.", ImageUrl = "https://img.example.com/b.jpg", PublishedAt = now, FirstSeenAt = now },
            });
            await db.SaveChangesAsync();
        }

        // The feed's own format and media win; the channel's silence still applies.
        var post = await TelegramCommandTests.ReplyAsync(h, -100521);
        Assert.Equal("sendMessage", post.Method);
        Assert.Equal("Bridge reopens after repairs\nThe bridge reopened on Friday…", TelegramDeliveryTests.Visible(post));
        Assert.True((bool)post.Body["disable_notification"]!);
        Assert.Empty(h.Fake.Violations);
    }
}
