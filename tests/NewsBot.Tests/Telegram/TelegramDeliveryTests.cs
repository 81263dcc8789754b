using NewsBot.Tests.Support;

namespace NewsBot.Tests.Telegram;

/// <summary>Posts through the real host, the real Telegram.Bot client and the loopback Telegram API: exactly once, in order.</summary>
public sealed class TelegramDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static string Visible(FakeTelegramServer.Sent sent) =>
        string.Equals(sent.ParseMode, "HTML", StringComparison.OrdinalIgnoreCase) ? TelegramHtmlRules.Parse(sent.Text!).Visible! : sent.Text ?? "";

    private static List<string> Titles(IEnumerable<FakeTelegramServer.Sent> sent) =>
        sent.Where(s => s.Method is "sendMessage" or "sendPhoto").Select(s => Visible(s).Split('\n')[0]).ToList();

    private static List<string> Stories(int from, int count) => Enumerable.Range(from, count).Select(i => $"Story {i}").ToList();

    [Fact]
    public async Task A_post_with_an_image_is_a_photo_whose_caption_carries_the_title_verbatim_in_its_forum_topic()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-1001, "supergroup", "Forum");
        var (feed, channel) = await h.ChannelAsync(-1001, threadId: "42");
        const string title = "<Breaking> Markets & \"bonds\" rally 市场上涨 — 5 > 3";
        await h.PostAsync(feed, channel, [title], summary: "Stocks rose <sharply> & bonds followed.", imageUrl: "https://img.example.com/a.jpg?x=1&y=2");

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-1001).Count >= 1, Patience));
        await Task.Delay(500);
        var sent = Assert.Single(h.Fake.SentTo(-1001));
        Assert.Equal("sendPhoto", sent.Method);
        Assert.Equal("https://img.example.com/a.jpg?x=1&y=2", sent.Photo);
        Assert.Equal(42, sent.ThreadId);
        var visible = Visible(sent);
        Assert.StartsWith(title + "\n", visible, StringComparison.Ordinal);
        Assert.Contains("Stocks rose <sharply> & bonds followed.", visible, StringComparison.Ordinal);
        Assert.Contains("Example News", visible, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.com/a/", sent.Text, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_long_article_becomes_one_text_message_within_4096_with_a_link_preview()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(501, "private");
        var (feed, channel) = await h.ChannelAsync(501);
        var summary = string.Concat(Enumerable.Repeat("Scientists & engineers said <more> than ever. 科学家表示。 ", 150));
        await h.PostAsync(feed, channel, ["A very long report"], summary: summary, imageUrl: "https://img.example.com/long.png");

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(501).Count >= 1, Patience));
        await Task.Delay(500);
        var sent = Assert.Single(h.Fake.SentTo(501));
        Assert.Equal("sendMessage", sent.Method);
        var visible = Visible(sent);
        Assert.InRange(visible.Length, 3000, 4096);
        Assert.StartsWith("A very long report\n", visible, StringComparison.Ordinal);
        Assert.Contains("…", visible, StringComparison.Ordinal);
        Assert.Equal("https://news.example.com/a/A%20very%20long%20report", (string?)sent.Body["link_preview_options"]?["url"]);
        Assert.Empty(h.Fake.Violations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task A_429_in_the_middle_of_a_burst_delays_the_chat_and_loses_or_doubles_nothing(int clientRetries)
    {
        await using var h = await TelegramHarness.StartAsync(("Telegram:RetryCount", clientRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        h.Fake.AddChat(-2002, "supergroup", "Burst");
        h.Fake.FailAt(-2002, 3, FakeTelegramServer.TooManyRequests(retryAfter: 2));
        var (feed, channel) = await h.ChannelAsync(-2002);
        await h.PostAsync(feed, channel, Stories(0, 6));

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-2002).Count >= 6, Patience), string.Join(", ", Titles(h.Fake.SentTo(-2002))));
        await Task.Delay(1000);
        var sent = h.Fake.SentTo(-2002);
        Assert.Equal(Stories(0, 6), Titles(sent));
        // The retry came no earlier than retry_after allowed (the fake records any send inside the window).
        Assert.Empty(h.Fake.Violations);
        Assert.True(sent[2].At - sent[1].At >= TimeSpan.FromSeconds(1.9), $"resent after {(sent[2].At - sent[1].At).TotalSeconds:0.00}s");
        Assert.Equal(7, h.Fake.Requests("sendMessage").Count);
    }

    [Fact]
    public async Task Html_that_Telegram_cannot_parse_is_sent_again_as_plain_text_once()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(502, "private");
        h.Fake.FailNext(502, FakeTelegramServer.CantParseEntities());
        var (feed, channel) = await h.ChannelAsync(502);
        await h.PostAsync(feed, channel, ["Plain <fallback> & more"]);

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(502).Count >= 1, Patience));
        await Task.Delay(800);
        var sent = Assert.Single(h.Fake.SentTo(502));
        Assert.Null(sent.ParseMode);
        Assert.StartsWith("Plain <fallback> & more\n", sent.Text, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/a/", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kicked_bot_pauses_the_chat_and_resumes_pending_posts_when_added_back()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3003, "supergroup", "Kicks", (77, "creator"));
        var (feed, channel) = await h.ChannelAsync(-3003);
        await h.PostAsync(feed, channel, Stories(1, 2));
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-3003).Count >= 2, Patience));

        h.Fake.Kick(-3003, byUser: 77);
        Assert.True(await Eventually.TrueAsync(() => h.ChannelRowAsync(channel).Result.PausedAt is not null, Patience), "the kick did not pause the channel");
        await h.PostAsync(feed, channel, Stories(3, 2));
        await Task.Delay(1500);
        Assert.Equal(Stories(1, 2), Titles(h.Fake.SentTo(-3003)));
        Assert.NotNull((await h.ChannelRowAsync(channel)).PausedReason);

        h.Fake.AddBack(-3003, byUser: 77);
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-3003).Count >= 4, Patience), "pending posts did not flow after the bot was added back: " + string.Join("\n", h.Fake.UpdateResponses.Where(r => r.Length > 30)));
        await Task.Delay(800);
        Assert.Equal(Stories(1, 4), Titles(h.Fake.SentTo(-3003)));
        Assert.Null((await h.ChannelRowAsync(channel)).PausedAt);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_blocked_send_pauses_the_chat_even_without_a_membership_update()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(503, "private");
        h.Fake.FailNext(503, new FakeTelegramServer.Failure(403, "Forbidden: bot was blocked by the user"));
        var (feed, channel) = await h.ChannelAsync(503);
        await h.PostAsync(feed, channel, Stories(1, 2));

        Assert.True(await Eventually.TrueAsync(() => h.ChannelRowAsync(channel).Result.PausedAt is not null, Patience));
        Assert.Contains("blocked", (await h.ChannelRowAsync(channel)).PausedReason, StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Empty(h.Fake.SentTo(503));
    }

    [Fact]
    public async Task A_migrated_group_is_moved_and_later_posts_go_straight_to_the_new_id()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-4004, "group", "Old group");
        var (feed, channel) = await h.ChannelAsync(-4004);
        await h.PostAsync(feed, channel, Stories(1, 1));
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-4004).Count >= 1, Patience));

        h.Fake.Migrate(-4004, -1004004);
        await h.PostAsync(feed, channel, Stories(2, 2));
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-1004004).Count >= 2, Patience));
        await h.PostAsync(feed, channel, Stories(4, 1));
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-1004004).Count >= 3, Patience));
        await Task.Delay(800);

        Assert.Equal(Stories(1, 1), Titles(h.Fake.SentTo(-4004)));
        Assert.Equal(Stories(2, 3), Titles(h.Fake.SentTo(-1004004)));
        var toOld = h.Fake.Requests("sendMessage").Count(r => (long?)r.Body["chat_id"] == -4004);
        Assert.Equal(2, toOld); // the first post, and the one refused with migrate_to_chat_id
        Assert.Equal("-1004004", (await h.ChannelRowAsync(channel)).ExternalId);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_burst_delivers_every_post_once_in_order()
    {
        await using var h = await TelegramHarness.StartAsync(("Telegram:MessagesPerSecondPerChat", "4"));
        h.Fake.AddChat(-5005, "supergroup", "Restart");
        var (feed, channel) = await h.ChannelAsync(-5005);
        await h.PostAsync(feed, channel, Stories(1, 12));
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-5005).Count >= 3, Patience));

        await h.StopHostAsync();
        var atStop = h.Fake.SentTo(-5005).Count;
        Assert.InRange(atStop, 3, 11);
        await h.StartHostAsync();

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-5005).Count >= 12, Patience), string.Join(", ", Titles(h.Fake.SentTo(-5005))));
        await Task.Delay(1000);
        Assert.Equal(Stories(1, 12), Titles(h.Fake.SentTo(-5005)));
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task Sends_to_one_chat_keep_about_one_second_apart_by_default()
    {
        await using var h = await TelegramHarness.StartAsync(("Telegram:MessagesPerSecondPerChat", "1"));
        h.Fake.AddChat(504, "private");
        var (feed, channel) = await h.ChannelAsync(504);
        await h.PostAsync(feed, channel, Stories(1, 4));

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(504).Count >= 4, Patience));
        // The limiter spaces the requests' starts; the first request also pays for the connection, so judge the span.
        var sent = h.Fake.SentTo(504);
        var span = sent[^1].At - sent[1].At;
        Assert.True(span >= TimeSpan.FromSeconds(1.8), $"posts 2-4 went out within {span.TotalSeconds:0.00}s");
    }
}
