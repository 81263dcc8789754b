using Microsoft.EntityFrameworkCore;
using NewsBot.Feeds.FullText;

namespace NewsBot.Tests.Telegram;

/// <summary>`/subscribe … fulltext:`, `/set` and the summary language, typed in Telegram through the real client and host.</summary>
public sealed class TelegramSettingsTests
{
    private static string Visible(FakeTelegramServer.Sent s) => TelegramDeliveryTests.Visible(s);

    private static Task<FakeTelegramServer.Sent> ReplyAsync(TelegramHarness h, long chatId, int count) => TelegramCommandTests.ReplyAsync(h, chatId, count);

    [Fact]
    public async Task Full_text_and_language_are_set_by_administrators_and_shown_to_everyone()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("zh", "z1", "国产大飞机C919开通第五条商业航线", "<p>Body.</p>");
        h.Fake.AddChat(-7101, "supergroup", "读者群", (20, "administrator"), (21, "member"));
        var group = $"@{FakeTelegramServer.BotUsername}";

        h.Fake.PushText(-7101, 20, $"/subscribe{group} {h.Feeds.UrlOf("zh")} fulltext:always 飞机");
        Assert.Contains("Subscribed to Feed zh", Visible(await ReplyAsync(h, -7101, 1)), StringComparison.Ordinal);
        await using (var db = h.Dbs.Create())
        {
            var subscription = await db.Subscriptions.Include(s => s.Feed).SingleAsync();
            Assert.Equal(FullTextMode.Always, subscription.Feed!.FullText);
            Assert.Equal("飞机", subscription.Filter);
        }

        h.Fake.PushText(-7101, 20, $"/subscribe{group} {h.Feeds.UrlOf("zh")} fulltext:sometimes");
        Assert.Contains("is not a full-text mode", Visible(await ReplyAsync(h, -7101, 2)), StringComparison.Ordinal);

        // A member may look, not change.
        h.Fake.PushText(-7101, 21, "/set language zh-Hant");
        Assert.Contains("Only chat administrators", Visible(await ReplyAsync(h, -7101, 3)), StringComparison.Ordinal);
        h.Fake.PushText(-7101, 21, "/set");
        var shown = await ReplyAsync(h, -7101, 4);
        Assert.Contains("full text of Feed zh: always", Visible(shown), StringComparison.Ordinal);
        Assert.Contains("language: each article's own", Visible(shown), StringComparison.Ordinal);
        var buttons = shown.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).ToList();
        Assert.Contains("繁體中文", buttons.Select(b => (string)b!["text"]!));

        // The administrator picks Traditional Chinese with the button; without the LLM the reply says what that means.
        h.Fake.PushCallback(shown, 20, (string)buttons.Single(b => (string)b!["text"]! == "繁體中文")!["callback_data"]!);
        var picked = await ReplyAsync(h, -7101, 5);
        Assert.Contains("Traditional Chinese (zh-Hant)", Visible(picked), StringComparison.Ordinal);
        Assert.Contains("needs the LLM", Visible(picked), StringComparison.Ordinal);

        h.Fake.PushText(-7101, 20, "/set fulltext never");
        Assert.Contains("Full text of Feed zh: never", Visible(await ReplyAsync(h, -7101, 6)), StringComparison.Ordinal);
        h.Fake.PushText(-7101, 20, "/set language klingon");
        Assert.Contains("not a language I know", Visible(await ReplyAsync(h, -7101, 7)), StringComparison.Ordinal);

        long channelId;
        long feedId;
        await using (var db = h.Dbs.Create())
        {
            var channel = await db.Channels.SingleAsync(c => c.ExternalId == "-7101");
            Assert.Equal("zh-Hant", channel.SummaryLanguage);
            channelId = channel.Id;
            var feed = await db.Feeds.SingleAsync();
            Assert.Equal(FullTextMode.Never, feed.FullText);
            feedId = feed.Id;
        }

        // A Simplified article reaches the zh-Hant group in Traditional characters, title and summary.
        await h.PostAsync(feedId, channelId, ["国产大飞机C919开通第五条商业航线"], summary: "东方航空表示，公司目前已接收8架C919。");
        var post = await ReplyAsync(h, -7101, 8);
        Assert.Contains("國產大飛機C919開通第五條商業航線", Visible(post), StringComparison.Ordinal);
        Assert.Contains("東方航空表示，公司目前已接收8架C919。", Visible(post), StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }
}
