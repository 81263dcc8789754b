using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Storage;
using NewsBot.Tests.DiscordBot;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Telegram;

/// <summary>
/// Issue 16 on Telegram, through the real Telegram.Bot client: the second feed's copy of a story already posted is added
/// to that message, with editMessageText for a text post and editMessageCaption for a photo post.
/// </summary>
public sealed class MergedStoryEditTelegramTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task SubscribeBothAsync(TelegramHarness h, long chat)
    {
        h.Feeds.AddItem("wire-a", "a-old", "An older item of feed A", "<p>Already there before anyone subscribed.</p>", DateTimeOffset.UtcNow.AddHours(-3));
        h.Feeds.AddItem("wire-b", "b-old", "An older item of feed B", "<p>Also there before.</p>", DateTimeOffset.UtcNow.AddHours(-3));
        var subscriptions = h.Host!.Services.GetRequiredService<SubscriptionService>();
        foreach (var feed in new[] { "wire-a", "wire-b" })
        {
            var result = await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Telegram, chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), h.Feeds.UrlOf(feed)), default);
            Assert.True(result.Ok, result.Message);
        }
    }

    [Theory]
    [InlineData(false, "sendMessage", "editMessageText")]
    [InlineData(true, "sendPhoto", "editMessageCaption")]
    public async Task The_second_feeds_copy_is_added_to_the_sent_message_by_an_edit(bool withImage, string sendMethod, string editMethod)
    {
        await using var h = await TelegramHarness.StartAsync();
        const long chat = -100777;
        h.Fake.AddChat(chat, "supergroup", "Newsroom");
        await SubscribeBothAsync(h, chat);
        var image = withImage ? "<p><img src=\"https://img.example.com/grindavik.jpg\" width=\"800\" height=\"500\"></p>" : "";
        h.Feeds.AddItem("wire-a", "a-1", MergedStoryEditTests.Headline, $"{image}<p>{MergedStoryEditTests.Lead}</p><p>Read more at Wire A.</p>");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(chat).Count >= 1, Patience), h.Output.ToString());
        var posted = Assert.Single(h.Fake.SentTo(chat));
        Assert.Equal(sendMethod, posted.Method);
        Assert.DoesNotContain("Feed wire-b", TelegramDeliveryTests.Visible(posted), StringComparison.Ordinal);

        h.Feeds.AddItem("wire-b", "b-1", MergedStoryEditTests.Headline, $"<p>(Wire B) — {MergedStoryEditTests.Lead}</p><p>© Wire B Agency.</p>");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(chat).Any(s => s.Method == editMethod), Patience), h.Output.ToString());
        await Task.Delay(1500);

        var sent = h.Fake.SentTo(chat);
        Assert.Single(sent, s => s.Method.StartsWith("send", StringComparison.Ordinal));
        var edit = Assert.Single(sent, s => s.Method == editMethod);
        Assert.Equal(posted.MessageId, edit.MessageId);
        var visible = TelegramDeliveryTests.Visible(edit);
        Assert.StartsWith(MergedStoryEditTests.Headline + "\n", visible, StringComparison.Ordinal);
        Assert.Contains("Feed wire-b", visible, StringComparison.Ordinal);
        Assert.Contains("Feed wire-a", visible, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
        await using var db = h.Dbs.Create();
        var merged = await db.Outbox.AsNoTracking().SingleAsync(o => o.State == OutboxState.Merged);
        Assert.NotNull(merged.SentAt);
        Assert.Null(merged.LastError);
    }

    [Fact]
    public async Task A_message_deleted_before_the_edit_is_recorded_and_nothing_is_posted_again()
    {
        await using var h = await TelegramHarness.StartAsync();
        const long chat = -100778;
        h.Fake.AddChat(chat, "supergroup", "Newsroom");
        await SubscribeBothAsync(h, chat);
        h.Feeds.AddItem("wire-a", "a-1", MergedStoryEditTests.Headline, $"<p>{MergedStoryEditTests.Lead}</p>");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(chat).Count >= 1, Patience), h.Output.ToString());
        h.Fake.DeleteMessage(chat, h.Fake.SentTo(chat)[0].MessageId);

        h.Feeds.AddItem("wire-b", "b-1", MergedStoryEditTests.Headline, $"<p>{MergedStoryEditTests.Lead}</p><p>Wire B.</p>");
        Assert.True(await Eventually.TrueAsync(async () =>
        {
            await using var db = h.Dbs.Create();
            return await db.Outbox.AnyAsync(o => o.State == OutboxState.Merged && o.SentAt != null);
        }, Patience), h.Output.ToString());

        Assert.Single(h.Fake.SentTo(chat), s => s.Method.StartsWith("send", StringComparison.Ordinal));
        Assert.Single(h.Fake.Requests("editMessageText"));
        await using var check = h.Dbs.Create();
        var merged = await check.Outbox.AsNoTracking().SingleAsync(o => o.State == OutboxState.Merged);
        Assert.Contains("message to edit not found", merged.LastError, StringComparison.Ordinal);
    }
}
