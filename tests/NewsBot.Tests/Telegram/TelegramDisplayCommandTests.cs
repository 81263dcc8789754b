using Microsoft.EntityFrameworkCore;
using NewsBot.Display;
using NewsBot.Storage;

namespace NewsBot.Tests.Telegram;

/// <summary>`/set` display options, `/preview` with them, forum topics and channels managed from a private chat, typed in Telegram.</summary>
public sealed class TelegramDisplayCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Visible(FakeTelegramServer.Sent s) => TelegramDeliveryTests.Visible(s);

    private static Task<FakeTelegramServer.Sent> ReplyAsync(TelegramHarness h, long chatId, int count) => TelegramCommandTests.ReplyAsync(h, chatId, count);

    [Fact]
    public async Task Display_options_are_checked_stored_per_feed_and_per_chat_and_preview_renders_with_them()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("world", "w1", "Storm reaches the coast", "<p>The storm reached the coast on Friday night, forecasters said.</p>");
        h.Feeds.AddItem("tech", "t1", "Chip maker opens a plant", "<p>The plant opened on Thursday, the company said.</p>");
        h.Fake.AddChat(-7201, "supergroup", "Readers", (20, "administrator"));
        h.Fake.PushText(-7201, 20, "/subscribe " + h.Feeds.UrlOf("world"));
        Assert.Contains("Subscribed", Visible(await ReplyAsync(h, -7201, 1)), StringComparison.Ordinal);
        h.Fake.PushText(-7201, 20, "/subscribe " + h.Feeds.UrlOf("tech"));
        Assert.Contains("Subscribed", Visible(await ReplyAsync(h, -7201, 2)), StringComparison.Ordinal);

        h.Fake.PushText(-7201, 20, "/set format {title} {nope}");
        var refused = Visible(await ReplyAsync(h, -7201, 3));
        Assert.Contains("follows 2 feeds", refused, StringComparison.Ordinal);
        h.Fake.PushText(-7201, 20, "/set default format {title} {nope}");
        Assert.Contains("Not saved: the template is not valid: position 10: unknown placeholder 'nope'", Visible(await ReplyAsync(h, -7201, 4)), StringComparison.Ordinal);
        h.Fake.PushText(-7201, 20, "/set default format compact");
        Assert.Contains("Saved format for every feed of this chat", Visible(await ReplyAsync(h, -7201, 5)), StringComparison.Ordinal);
        long techId;
        await using (var db = h.Dbs.Create())
        {
            techId = (await db.Feeds.SingleAsync(f => f.Url == h.Feeds.UrlOf("tech"))).Id;
        }
        h.Fake.PushText(-7201, 20, $"/set {techId} format {{title}}\n✍️ {{author}}\n{{summary:40}}");
        Assert.Contains("Saved format for Feed tech", Visible(await ReplyAsync(h, -7201, 6)), StringComparison.Ordinal);
        h.Fake.PushText(-7201, 20, "/set default mention <@&1>");
        Assert.Contains("mention is for Discord channels", Visible(await ReplyAsync(h, -7201, 7)), StringComparison.Ordinal);
        h.Fake.PushText(-7201, 20, "/set default summary 5");
        Assert.Contains("from 20 to 4000", Visible(await ReplyAsync(h, -7201, 8)), StringComparison.Ordinal);

        h.Fake.PushText(-7201, 20, "/set");
        var shown = await ReplyAsync(h, -7201, 9);
        Assert.Contains("display (default): format: compact", Visible(shown), StringComparison.Ordinal);
        Assert.Contains($"Feed tech (#{techId}): format: {{title}}⏎✍️ {{author}}⏎{{summary:40}}", Visible(shown), StringComparison.Ordinal);
        var buttons = shown.Body["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).ToList();
        h.Fake.PushCallback(shown, 20, (string)buttons.Single(b => (string)b!["text"]! == "media off")!["callback_data"]!);
        Assert.Contains("Saved media", Visible(await ReplyAsync(h, -7201, 10)), StringComparison.Ordinal);

        await using (var db = h.Dbs.Create())
        {
            var channel = await db.Channels.SingleAsync(c => c.ExternalId == "-7201");
            var defaults = DisplaySettings.FromJson(channel.Display);
            Assert.Equal("compact", defaults.Format);
            Assert.Equal(MediaMode.Off, defaults.Media);
            var tech = await db.Subscriptions.SingleAsync(s => s.FeedId == techId);
            Assert.Equal("{title}\n✍️ {author}\n{summary:40}", DisplaySettings.FromJson(tech.Display).Format);
        }

        // /preview renders the latest items the way this chat will get them: the chat's compact style for world.
        h.Fake.PushText(-7201, 20, "/preview " + h.Feeds.UrlOf("world"));
        Assert.Contains("With this chat's settings", Visible(await ReplyAsync(h, -7201, 11)), StringComparison.Ordinal);
        Assert.Equal("Storm reaches the coast\n📰 Feed world", Visible(await ReplyAsync(h, -7201, 12)));
        h.Fake.PushText(-7201, 20, "/preview " + h.Feeds.UrlOf("tech"));
        await ReplyAsync(h, -7201, 13);
        var techPreview = Visible(await ReplyAsync(h, -7201, 14));
        Assert.StartsWith("Chip maker opens a plant\nThe plant opened on Thursday", techPreview, StringComparison.Ordinal);
        Assert.DoesNotContain("✍️", techPreview, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_subscription_made_in_a_forum_topic_posts_there_and_a_deleted_topic_pauses_it_and_tells_the_group()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("world", "w0", "Old story", "<p>Already there.</p>", DateTimeOffset.UtcNow.AddHours(-1));
        h.Fake.AddChat(-7301, "supergroup", "Forum group", (20, "administrator"));
        h.Fake.PushText(-7301, 20, "/subscribe " + h.Feeds.UrlOf("world"), threadId: 77);
        var answer = await ReplyAsync(h, -7301, 1);
        Assert.Equal(77, answer.ThreadId);
        await using (var db = h.Dbs.Create())
        {
            Assert.Equal("77", (await db.Channels.SingleAsync()).ThreadId);
        }

        h.Feeds.AddItem("world", "w1", "Storm reaches the coast", "<p>The storm reached the coast on Friday night, forecasters said.</p>");
        var post = await ReplyAsync(h, -7301, 2);
        Assert.Equal(77, post.ThreadId);
        Assert.StartsWith("Storm reaches the coast", Visible(post), StringComparison.Ordinal);

        h.Fake.DeleteTopic(-7301, 77);
        h.Feeds.AddItem("world", "w2", "Rain follows the storm", "<p>Rain followed the storm on Saturday, forecasters said.</p>");
        var notice = await ReplyAsync(h, -7301, 3);
        Assert.Null(notice.ThreadId);
        Assert.Contains("can no longer post in topic 77", Visible(notice), StringComparison.Ordinal);
        await using (var db = h.Dbs.Create())
        {
            var channel = await db.Channels.SingleAsync(c => c.ThreadId == "77");
            Assert.NotNull(channel.PausedAt);
            Assert.Contains("thread not found", channel.PausedReason, StringComparison.Ordinal);
            Assert.Equal(OutboxState.Pending, (await db.Outbox.Include(o => o.Article).SingleAsync(o => o.Article!.Title == "Rain follows the storm")).State);
        }
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_channel_is_managed_from_a_private_chat_by_its_administrators_when_the_bot_may_post_there()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("world", "w1", "Storm reaches the coast", "<p>The storm reached the coast on Friday night.</p>");
        h.Fake.AddChat(-1005001, "channel", "News channel", (30, "creator"), (31, "member"), (FakeTelegramServer.BotId, "administrator"));
        h.Fake.SetUsername(-1005001, "newschan");
        h.Fake.AddChat(-1005002, "channel", "Read-only", (30, "creator"), (FakeTelegramServer.BotId, "administrator:no-post"));
        h.Fake.SetUsername(-1005002, "readonlychan");
        h.Fake.AddChat(30, "private");
        h.Fake.AddChat(31, "private");

        h.Fake.PushText(31, 31, "/subscribe @newschan " + h.Feeds.UrlOf("world"));
        Assert.Contains("Only administrators of @newschan", Visible(await ReplyAsync(h, 31, 1)), StringComparison.Ordinal);
        h.Fake.PushText(30, 30, "/subscribe @readonlychan " + h.Feeds.UrlOf("world"));
        Assert.Contains("allowed to post messages", Visible(await ReplyAsync(h, 30, 1)), StringComparison.Ordinal);
        h.Fake.PushText(30, 30, "/subscribe @nosuchchan " + h.Feeds.UrlOf("world"));
        Assert.Contains("I cannot see @nosuchchan", Visible(await ReplyAsync(h, 30, 2)), StringComparison.Ordinal);

        h.Fake.PushText(30, 30, "/subscribe @newschan " + h.Feeds.UrlOf("world"));
        Assert.Contains("Subscribed to Feed world", Visible(await ReplyAsync(h, 30, 3)), StringComparison.Ordinal);
        h.Fake.PushText(30, 30, "/set @newschan default silent on");
        Assert.Contains("Saved silent", Visible(await ReplyAsync(h, 30, 4)), StringComparison.Ordinal);
        h.Fake.PushText(30, 30, "/list @newschan");
        Assert.Contains("Feed world", Visible(await ReplyAsync(h, 30, 5)), StringComparison.Ordinal);

        await using (var db = h.Dbs.Create())
        {
            var channel = await db.Channels.Include(c => c.Subscriptions).SingleAsync(c => c.ExternalId == "-1005001");
            Assert.Single(channel.Subscriptions);
            Assert.True(DisplaySettings.FromJson(channel.Display).Silent);
            Assert.False(await db.Channels.AnyAsync(c => c.ExternalId == "30" || c.ExternalId == "-1005002"));
        }
        h.Feeds.AddItem("world", "w2", "Rain follows the storm", "<p>Rain followed the storm on Saturday.</p>");
        var post = await ReplyAsync(h, -1005001, 1);
        Assert.StartsWith("Rain follows the storm", Visible(post), StringComparison.Ordinal);
        Assert.True((bool)post.Body["disable_notification"]!);
        Assert.Empty(h.Fake.Violations);
    }
}
