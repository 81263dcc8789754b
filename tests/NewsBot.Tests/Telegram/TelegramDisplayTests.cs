using Microsoft.Extensions.DependencyInjection;
using NewsBot.Digests;
using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Telegram;

/// <summary>Display settings through the real host, the real Telegram.Bot client and the loopback Bot API.</summary>
public sealed class TelegramDisplayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    private static string Visible(FakeTelegramServer.Sent s) => TelegramDeliveryTests.Visible(s);

    private static async Task SetAsync(TelegramHarness h, long channelId, DisplaySettings? channel = null, DisplaySettings? subscription = null)
    {
        await using var db = h.Dbs.Create();
        var row = db.Channels.Single(c => c.Id == channelId);
        row.Display = channel?.ToJson();
        foreach (var s in db.Subscriptions.Where(s => s.ChannelId == channelId))
        {
            s.Display = subscription?.ToJson();
        }
        await db.SaveChangesAsync();
    }

    private static async Task PostAsync(TelegramHarness h, long feedId, long channelId, string title, string? url = null, string? image = null, string? media = null,
        string? author = null, string? categories = null, OutboxState state = OutboxState.Pending)
    {
        await using var db = h.Dbs.Create();
        var now = DateTime.UtcNow;
        var article = new Article
        {
            FeedId = feedId,
            DedupeKey = Guid.NewGuid().ToString("N"),
            Title = title,
            Url = url ?? $"https://news.example.com/a/{Uri.EscapeDataString(title)}",
            Summary = $"What happened in {title}.",
            Text = $"The whole story of {title}.",
            ImageUrl = image,
            Media = media,
            Author = author,
            Categories = categories,
            PublishedAt = new DateTime(2026, 12, 4, 1, 30, 0, DateTimeKind.Utc),
            FirstSeenAt = now,
        };
        db.Outbox.Add(new OutboxEntry { ChannelId = channelId, Article = article, State = state, NextAttemptAt = now, Nonce = Router.NewNonce(), CreatedAt = now });
        await db.SaveChangesAsync();
    }

    private static async Task<FakeTelegramServer.Sent> OnlyPostAsync(TelegramHarness h, long chat, int count = 1)
    {
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(chat).Count >= count, Patience), h.Output.ToString());
        await Task.Delay(300);
        Assert.True(count == h.Fake.SentTo(chat).Count, string.Join("; ", h.Fake.SentTo(chat).Select(s => s.Method + " " + s.Photo)) + h.Output);
        return h.Fake.SentTo(chat)[^1];
    }

    [Fact]
    public async Task Several_images_go_as_one_album_with_the_compact_caption_and_no_notification()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3001, "supergroup", "Album");
        var (feed, channel) = await h.ChannelAsync(-3001);
        await SetAsync(h, channel, channel: new DisplaySettings { Format = "compact", Silent = true });
        var media = ArticleMedia.ToJson(["https://img.example.com/1.jpg", "https://img.example.com/2.jpg", "https://img.example.com/3.jpg"], []);
        await PostAsync(h, feed, channel, "Storm hits the coast", image: "https://img.example.com/1.jpg", media: media);

        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-3001).Count >= 3, Patience), h.Output.ToString());
        var sent = h.Fake.SentTo(-3001);
        Assert.All(sent, s => Assert.Equal("sendMediaGroup", s.Method));
        Assert.Equal(["https://img.example.com/1.jpg", "https://img.example.com/2.jpg", "https://img.example.com/3.jpg"], sent.Select(s => s.Photo));
        Assert.Equal("Storm hits the coast\n📰 Example News", Visible(sent[0]));
        Assert.Null(sent[1].Text);
        Assert.True((bool)sent[0].Body["disable_notification"]!);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task An_image_telegram_cannot_fetch_is_downloaded_with_the_article_as_referer_and_uploaded()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3002, "supergroup", "Hotlink");
        var (feed, channel) = await h.ChannelAsync(-3002);
        var page = site.PageUrl("story");
        site.ServeHotlinkProtected("photo.jpg", Jpeg, "image/jpeg", referer: page);
        h.Fake.CannotFetch(site.PageUrl("photo.jpg"));
        await PostAsync(h, feed, channel, "Protected photo", url: page, image: site.PageUrl("photo.jpg"));

        var sent = await OnlyPostAsync(h, -3002);
        Assert.Equal("sendPhoto", sent.Method);
        Assert.Equal("upload:photo.jpg", sent.Photo);
        Assert.Equal(Jpeg, sent.Document);
        Assert.StartsWith("Protected photo\n", Visible(sent), StringComparison.Ordinal);
        Assert.Equal(2, h.Fake.Requests("sendPhoto").Count);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task When_the_image_cannot_be_uploaded_either_the_post_goes_as_text_once()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3003, "supergroup", "Broken image");
        var (feed, channel) = await h.ChannelAsync(-3003);
        site.ServeHtml("not-an-image", "<html>nope</html>"u8.ToArray());
        h.Fake.CannotFetch(site.PageUrl("not-an-image"), "Bad Request: wrong type of the web page content");
        await PostAsync(h, feed, channel, "Image that is a web page", image: site.PageUrl("not-an-image"));

        var sent = await OnlyPostAsync(h, -3003);
        Assert.Equal("sendMessage", sent.Method);
        Assert.StartsWith("Image that is a web page\n", Visible(sent), StringComparison.Ordinal);
        Assert.Single(h.Fake.Requests("sendPhoto"));
        // The bot did try to fetch it itself (and found a web page, not an image) before giving up on the picture.
        Assert.Equal(1, site.Hits("not-an-image"));
        await using var db = h.Dbs.Create();
        Assert.Equal(OutboxState.Sent, db.Outbox.Single().State);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task Pictures_whose_host_never_answers_cost_the_post_its_pictures_within_the_media_timeout_not_the_post()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        await using var h = await TelegramHarness.StartAsync(("Feeds:MediaTimeout", "00:00:02"));
        h.Fake.AddChat(-3004, "supergroup", "Silent image host");
        var (feed, channel) = await h.ChannelAsync(-3004);
        var urls = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            site.ServeHang($"hang{i}.jpg");
            h.Fake.CannotFetch(site.PageUrl($"hang{i}.jpg"));
            urls.Add(site.PageUrl($"hang{i}.jpg"));
        }
        await PostAsync(h, feed, channel, "Pictures from a silent host", image: urls[0], media: ArticleMedia.ToJson(urls, []));

        // Three downloads of 30 s each would outlast the send's own deadline and turn the post into retries; the post's
        // one media budget ends them together, and the text goes out at the first try.
        var sent = await OnlyPostAsync(h, -3004);
        Assert.Equal("sendMessage", sent.Method);
        Assert.StartsWith("Pictures from a silent host\n", Visible(sent), StringComparison.Ordinal);
        Assert.Single(h.Fake.Requests("sendMediaGroup"));
        Assert.Equal(1, site.Hits("hang1.jpg"));
        Assert.Equal(0, site.Hits("hang2.jpg") + site.Hits("hang3.jpg"));
        await using var db = h.Dbs.Create();
        var row = db.Outbox.Single();
        Assert.Equal((OutboxState.Sent, 1), (row.State, row.Attempts));
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_digest_names_each_feed_as_the_channel_renamed_it_and_keeps_the_channels_silence()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3006, "supergroup", "Digest desk");
        var (feed, channel) = await h.ChannelAsync(-3006);
        await SetAsync(h, channel, channel: new DisplaySettings { Silent = true }, subscription: new DisplaySettings { Title = "Morning desk" });
        await PostAsync(h, feed, channel, "Harbour reopens", state: OutboxState.Digest);
        await PostAsync(h, feed, channel, "Ferries resume", state: OutboxState.Digest);

        Assert.Equal(DigestRunResult.Done, await h.Host!.Services.GetRequiredService<DigestRuns>().SendNowAsync(channel, default));
        var page = await OnlyPostAsync(h, -3006);
        var text = Visible(page);
        Assert.Contains("Harbour reopens", text, StringComparison.Ordinal);
        Assert.Contains("Ferries resume", text, StringComparison.Ordinal);
        Assert.Contains("Morning desk", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Example News", text, StringComparison.Ordinal);
        Assert.True((bool)page.Body["disable_notification"]!);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task Media_off_and_preview_off_send_text_without_a_preview_and_media_only_sends_the_picture_with_its_title()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3004, "supergroup", "Text only");
        h.Fake.AddChat(-3005, "supergroup", "Pictures");
        var (feedA, textOnly) = await h.ChannelAsync(-3004);
        var (feedB, pictures) = await h.ChannelAsync(-3005);
        await SetAsync(h, textOnly, subscription: new DisplaySettings { Media = MediaMode.Off, Preview = false });
        await SetAsync(h, pictures, channel: new DisplaySettings { Media = MediaMode.Only });
        await PostAsync(h, feedA, textOnly, "Quiet text", image: "https://img.example.com/q.jpg");
        await PostAsync(h, feedB, pictures, "Picture story", image: "https://img.example.com/p.jpg");
        await PostAsync(h, feedB, pictures, "Story without a picture");

        var text = await OnlyPostAsync(h, -3004);
        Assert.Equal("sendMessage", text.Method);
        Assert.True((bool)text.Body["link_preview_options"]!["is_disabled"]!);
        Assert.True(await Eventually.TrueAsync(() => h.Fake.SentTo(-3005).Count >= 2, Patience));
        var (photo, plain) = (h.Fake.SentTo(-3005)[0], h.Fake.SentTo(-3005)[1]);
        Assert.Equal("sendPhoto", photo.Method);
        Assert.Equal("Picture story", Visible(photo));
        // Nothing to show: never a lost post, the article goes as its usual text.
        Assert.Equal("sendMessage", plain.Method);
        Assert.StartsWith("Story without a picture\n\nWhat happened", Visible(plain), StringComparison.Ordinal);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task A_video_enclosure_is_sent_as_a_video_and_a_template_shows_author_date_and_hashtags_in_the_channel_zone()
    {
        await using var h = await TelegramHarness.StartAsync();
        h.Fake.AddChat(-3006, "supergroup", "Video");
        var (feed, channel) = await h.ChannelAsync(-3006);
        await using (var db = h.Dbs.Create())
        {
            db.Channels.Single(c => c.Id == channel).TimeZone = "Asia/Shanghai";
            await db.SaveChangesAsync();
        }
        await SetAsync(h, channel, subscription: new DisplaySettings { Format = "{title}\n✍️ {author}\n🕒 {date:yyyy-MM-dd HH:mm}\n{categories}", Title = "Custom name" });
        var media = ArticleMedia.ToJson([], [new NewsBot.Feeds.FeedEnclosure("https://video.example.com/clip.mp4", "video/mp4", 1_000_000)]);
        await PostAsync(h, feed, channel, "Launch in slow motion", media: media, author: null, categories: "Space\nRockets & launches");

        var sent = await OnlyPostAsync(h, -3006);
        Assert.Equal("sendVideo", sent.Method);
        Assert.Equal("https://video.example.com/clip.mp4", (string?)sent.Body["video"]);
        // No author: its line is left out entirely.
        Assert.Equal("Launch in slow motion\n🕒 2026-12-04 09:30\n#Space #Rockets_launches", Visible(sent));
        Assert.Empty(h.Fake.Violations);
    }
}
