using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsBot.Tests.Support;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Panel;

/// <summary>Pausing some of a channel's subscriptions from the panel: the rest keep posting, nothing is posted twice.</summary>
public sealed class PanelPauseTests
{
    private const long Ann = 551;
    private const long Chat = -100551;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Paused_subscriptions_post_nothing_new_the_others_go_on_and_resuming_starts_from_the_next_article()
    {
        await using var h = await TelegramHarness.StartAsync();
        var url = h.PanelUrl;
        var (_, channelId) = await h.AdminChannelAsync(Chat, Ann, "Two desks");
        h.Feeds.AddItem("quiet", "q0", "Quiet desk opens", "first");
        h.Feeds.AddItem("busy", "b0", "Busy desk opens", "first");
        using var client = await TelegramLoginLink.SignedInAsync(url, Ann);
        var token = PanelForms.Token(await client.GetStringAsync($"{url}/channels/{channelId}"));

        Task<string> PostAsync(string handler, params (string Key, string Value)[] fields) =>
            PanelForms.PostAsync(client, $"{url}/channels/{channelId}", handler, token, fields);

        Assert.Contains("Subscribed to Feed quiet", await PostAsync("Add", ("url", h.Feeds.UrlOf("quiet"))), StringComparison.Ordinal);
        Assert.Contains("Subscribed to Feed busy", await PostAsync("Add", ("url", h.Feeds.UrlOf("busy"))), StringComparison.Ordinal);
        long quiet;
        await using (var db = h.Dbs.Create())
        {
            quiet = await db.Subscriptions.Where(s => s.ChannelId == channelId && s.Feed!.Url == h.Feeds.UrlOf("quiet")).Select(s => s.Id).SingleAsync();
        }

        var paused = await PostAsync("Bulk", ("action", "pause"), ("ids", Id(quiet)));
        Assert.Contains("Paused 1: nothing new from them is posted here until you resume them.", paused, StringComparison.Ordinal);
        Assert.Contains("paused since ", paused, StringComparison.Ordinal);
        h.Fake.PushText(Chat, Ann, "/list");
        var list = await TelegramCommandTests.ReplyAsync(h, Chat);
        Assert.Contains("Feed quiet — " + h.Feeds.UrlOf("quiet") + " [paused in the web panel]", TelegramDeliveryTests.Visible(list), StringComparison.Ordinal);
        Assert.DoesNotContain("Feed busy — " + h.Feeds.UrlOf("busy") + " [paused", TelegramDeliveryTests.Visible(list), StringComparison.Ordinal);

        h.Feeds.AddItem("quiet", "q1", "Quiet desk news while paused", "paused text");
        h.Feeds.AddItem("busy", "b1", "Busy desk news", "busy text");
        Assert.True(await Eventually.TrueAsync(() => Sent("Busy desk news"), Patience), h.Output.ToString());
        // The paused feed was read (its article is stored) and nothing of it was routed here.
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = h.Dbs.Create();
            return await db.Articles.AnyAsync(a => a.Title == "Quiet desk news while paused");
        }, Patience));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(Sent("Quiet desk news while paused"));
        var why = WebUtility.HtmlDecode(await client.GetStringAsync($"{url}/channels/{channelId}/why?url={Uri.EscapeDataString(h.Feeds.BaseUrl + "/quiet/q1")}"));
        Assert.Contains("this channel's subscription to Feed quiet was paused", why, StringComparison.Ordinal);

        Assert.Contains("Resumed 1.", await PostAsync("Bulk", ("action", "resume"), ("ids", Id(quiet))), StringComparison.Ordinal);
        h.Feeds.AddItem("quiet", "q2", "Quiet desk news after resuming", "resumed text");
        Assert.True(await Eventually.TrueAsync(() => Sent("Quiet desk news after resuming"), Patience), h.Output.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(Sent("Quiet desk news while paused"));
        Assert.Single(h.Fake.SentTo(Chat), m => m.Text?.Contains("Busy desk news", StringComparison.Ordinal) == true);
        Assert.Single(h.Fake.SentTo(Chat), m => m.Text?.Contains("Quiet desk news after resuming", StringComparison.Ordinal) == true);

        static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Sent(string title) => h.Fake.SentTo(Chat).Any(m => m.Text?.Contains(title, StringComparison.Ordinal) == true);
    }
}
