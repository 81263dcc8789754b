using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Telegram;

/// <summary>Commands typed in Telegram, received by long polling (or webhook) through the real client and host.</summary>
public sealed class TelegramCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Visible(FakeTelegramServer.Sent s) => TelegramDeliveryTests.Visible(s);

    private static async Task<List<Subscription>> SubscriptionsAsync(TelegramHarness h, long chatId)
    {
        await using var db = h.Dbs.Create();
        var id = chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.Subscriptions.Include(s => s.Feed).Where(s => s.Channel!.Platform == "telegram" && s.Channel.ExternalId == id).ToListAsync();
    }

    internal static async Task<FakeTelegramServer.Sent> ReplyAsync(TelegramHarness h, long chatId, int count = 1)
    {
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(chatId).Count >= count, Patience), $"no reply in {chatId}; violations: {string.Join("; ", h.Fake.Violations)}");
        return h.Fake.SentTo(chatId)[count - 1];
    }

    [Fact]
    public async Task Subscribe_in_a_private_chat_names_the_feed_and_answers_in_the_users_language()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("world", "w1", "First <story> & more", "<p>Body.</p>");
        h.Fake.AddChat(601, "private");
        h.Fake.AddChat(602, "private");

        var asked = h.Fake.PushText(601, 601, "/subscribe " + h.Feeds.UrlOf("world"));
        var reply = await ReplyAsync(h, 601);
        Assert.Contains("Subscribed to Feed world", Visible(reply), StringComparison.Ordinal);
        Assert.Equal(asked, (int?)(long?)reply.Body["reply_parameters"]?["message_id"]);
        Assert.Equal(h.Feeds.UrlOf("world"), Assert.Single(await SubscriptionsAsync(h, 601)).Feed!.Url);

        h.Fake.PushText(602, 602, "/subscribe " + h.Feeds.UrlOf("world"), languageCode: "zh-hans");
        Assert.Contains("已订阅 Feed world", Visible(await ReplyAsync(h, 602)), StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task In_a_group_administrators_subscribe_members_are_refused_and_other_bots_commands_are_ignored()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("tech", "t1", "Chips", "<p>Body.</p>");
        h.Fake.AddChat(-7007, "supergroup", "Team", (10, "administrator"), (11, "member"));

        h.Fake.PushText(-7007, 11, $"/subscribe@{FakeTelegramServer.BotUsername} {h.Feeds.UrlOf("tech")}");
        Assert.Contains("Only chat administrators", Visible(await ReplyAsync(h, -7007, 1)), StringComparison.Ordinal);
        Assert.Empty(await SubscriptionsAsync(h, -7007));

        h.Fake.PushText(-7007, 10, $"/subscribe@OtherBot {h.Feeds.UrlOf("tech")}");
        h.Fake.PushText(-7007, 10, $"/subscribe@{FakeTelegramServer.BotUsername.ToLowerInvariant()} {h.Feeds.UrlOf("tech")}");
        Assert.Contains("Subscribed to Feed tech", Visible(await ReplyAsync(h, -7007, 2)), StringComparison.Ordinal);
        Assert.Single(await SubscriptionsAsync(h, -7007));

        // Anyone may read the list.
        h.Fake.PushText(-7007, 11, "/list");
        Assert.Contains(h.Feeds.UrlOf("tech"), Visible(await ReplyAsync(h, -7007, 3)), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal(3, h.Fake.SentTo(-7007).Count); // nothing answered the command meant for OtherBot
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task In_a_channel_the_poster_is_an_administrator()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("chan", "c1", "Hello", "<p>Body.</p>");
        h.Fake.AddChat(-1008008, "channel", "Announcements");

        h.Fake.PushText(-1008008, null, "/subscribe " + h.Feeds.UrlOf("chan"));
        var reply = await ReplyAsync(h, -1008008);
        await Task.Delay(1500);
        Assert.Single(h.Fake.SentTo(-1008008));
        Assert.Contains("Subscribed to Feed chan", Visible(reply), StringComparison.Ordinal);
        Assert.Single(await SubscriptionsAsync(h, -1008008));
    }

    [Fact]
    public async Task Unsubscribe_without_an_argument_offers_buttons_and_the_pressed_one_runs()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("a", "a1", "A", "<p>Body.</p>");
        h.Feeds.AddItem("b", "b1", "B", "<p>Body.</p>");
        h.Fake.AddChat(603, "private");
        h.Fake.PushText(603, 603, "/subscribe " + h.Feeds.UrlOf("a"));
        await ReplyAsync(h, 603, 1);
        h.Fake.PushText(603, 603, "/subscribe " + h.Feeds.UrlOf("b"));
        await ReplyAsync(h, 603, 2);

        h.Fake.PushText(603, 603, "/unsubscribe");
        var question = await ReplyAsync(h, 603, 3);
        var buttons = question.Body["reply_markup"]!["inline_keyboard"]!.AsArray().Select(row => row![0]!).ToList();
        Assert.Equal(["Feed a", "Feed b"], buttons.Select(b => (string)b["text"]!));
        Assert.All(buttons, b => Assert.InRange(Encoding.UTF8.GetByteCount((string)b["callback_data"]!), 1, 64));

        h.Fake.PushCallback(question, 603, (string)buttons[1]["callback_data"]!);
        var answer = await ReplyAsync(h, 603, 4);
        Assert.Equal("editMessageText", answer.Method);
        Assert.Contains("Unsubscribed from Feed b", Visible(answer), StringComparison.Ordinal);
        Assert.Equal(h.Feeds.UrlOf("a"), Assert.Single(await SubscriptionsAsync(h, 603)).Feed!.Url);
        Assert.Single(h.Fake.Requests("answerCallbackQuery"));
    }

    [Fact]
    public async Task Opml_import_reads_the_attached_file_and_export_sends_a_document()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Feeds.AddItem("one", "o1", "One", "<p>Body.</p>");
        h.Feeds.AddItem("two", "t1", "Two", "<p>Body.</p>");
        h.Fake.AddChat(605, "private");
        var opml = $"""<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body><outline text="One" type="rss" xmlUrl="{h.Feeds.UrlOf("one")}"/><outline text="Two" type="rss" xmlUrl="{h.Feeds.UrlOf("two")}"/></body></opml>""";
        h.Fake.PushDocument(605, 605, "/opml import", "mine.opml", Encoding.UTF8.GetBytes(opml));
        Assert.Contains("Imported 2 feeds", Visible(await ReplyAsync(h, 605, 1)), StringComparison.Ordinal);
        Assert.Equal(2, (await SubscriptionsAsync(h, 605)).Count);

        h.Fake.PushText(605, 605, "/opml export");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(605).Any(s => s.Method == "sendDocument"), Patience));
        var file = h.Fake.SentTo(605).Single(s => s.Method == "sendDocument");
        Assert.Equal("newsbot-subscriptions.opml", file.DocumentName);
        var exported = Encoding.UTF8.GetString(file.Document!);
        Assert.Contains(h.Feeds.UrlOf("one"), exported, StringComparison.Ordinal);
        Assert.Contains(h.Feeds.UrlOf("two"), exported, StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task The_command_menu_is_registered_in_english_and_chinese_for_private_chats_groups_and_administrators()
    {
        await using var h = await TelegramHarness.StartAsync();
        Assert.True(await Eventually.TrueAsync(() => h.Fake.Requests("setMyCommands").Count >= 6, Patience));
        var menus = h.Fake.Requests("setMyCommands").Select(r => r.Body).ToList();
        Assert.Equal(
            ["all_chat_administrators/", "all_chat_administrators/zh", "all_group_chats/", "all_group_chats/zh", "all_private_chats/", "all_private_chats/zh"],
            menus.Select(m => $"{m["scope"]!["type"]}/{m["language_code"]}").Order(StringComparer.Ordinal));
        var adminZh = menus.Single(m => (string?)m["scope"]!["type"] == "all_chat_administrators" && (string?)m["language_code"] == "zh");
        Assert.Contains(adminZh["commands"]!.AsArray(), c => (string?)c!["command"] == "subscribe" && ((string)c["description"]!).Contains("订阅", StringComparison.Ordinal));
        var members = menus.First(m => (string?)m["scope"]!["type"] == "all_group_chats")["commands"]!.AsArray().Select(c => (string)c!["command"]!).ToList();
        Assert.Contains("news", members);
        Assert.Contains("list", members);
        Assert.DoesNotContain("subscribe", members);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task Webhook_mode_sets_the_webhook_and_accepts_only_updates_with_the_secret()
    {
        await using var h = await TelegramHarness.StartAsync(
            ("Telegram:Mode", "Webhook"),
            ("Telegram:WebhookUrl", "https://bot.example.com/tg/hook"),
            ("Telegram:WebhookSecret", "s3cret-Token_1"));
        h.Fake.AddChat(604, "private");
        Assert.True(await Eventually.TrueAsync(() => h.Fake.Requests("setWebhook").Count >= 1, Patience));
        var set = h.Fake.Requests("setWebhook")[0].Body;
        Assert.Equal("https://bot.example.com/tg/hook", (string?)set["url"]);
        Assert.Equal("s3cret-Token_1", (string?)set["secret_token"]);
        Assert.Empty(h.Fake.Requests("getUpdates"));

        var address = h.Host!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient();
        var update = """{"update_id":1,"message":{"message_id":5,"date":1700000000,"chat":{"id":604,"type":"private","first_name":"P"},"from":{"id":604,"is_bot":false,"first_name":"P","language_code":"en"},"text":"/help"}}""";
        using var wrong = new StringContent(update, Encoding.UTF8, "application/json");
        wrong.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(address + "/tg/hook", wrong)).StatusCode);
        using var garbage = new StringContent("{not json", Encoding.UTF8, "application/json");
        garbage.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_1");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(address + "/tg/hook", garbage)).StatusCode);
        await Task.Delay(500);
        Assert.Empty(h.Fake.SentTo(604));

        using var right = new StringContent(update, Encoding.UTF8, "application/json");
        right.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_1");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(address + "/tg/hook", right)).StatusCode);
        Assert.Contains("/subscribe", Visible(await ReplyAsync(h, 604)), StringComparison.Ordinal);
    }
}
