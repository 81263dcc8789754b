using Microsoft.Extensions.Time.Testing;
using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Telegram;

namespace NewsBot.Tests.Telegram;

/// <summary>Rendering, command parsing, callback data and pacing, without a network.</summary>
public sealed class TelegramUnitTests
{
    public static TheoryData<string, string> HostileTexts => new()
    {
        { "Plain title", "Plain summary." },
        { "<script>alert(1)</script>", "a < b && c > d" },
        { "Tom & Jerry \"quoted\" 'single'", "&amp; is not an entity here; &lt;b&gt; neither" },
        { "Emoji 👍🏽 and 中文标题", "数学：x < y，化学：H₂O & CO₂" },
        { "Control\u0001chars\u0007", "Lone surrogate \ud800 here" },
        { "<b>bold</b> <a href=\"x\">link</a>", "</i> unbalanced <i>" },
        { new string('T', 2000), new string('S', 9000) },
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Every_rendered_post_is_valid_telegram_html_within_limits_and_keeps_the_title(string title, string summary)
    {
        var post = new Post(title, "https://example.com/a?x=1&y=\"2\"", summary, "Source <&>", "https://example.com/", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), null, "en", ["Other & feed"]);
        foreach (var limit in new[] { TelegramText.MaxCaption, TelegramText.MaxText })
        {
            var text = TelegramRender.Post(post, TimeZoneInfo.Utc, limit);
            var (visible, error) = TelegramHtmlRules.Parse(text.Html);
            Assert.Null(error);
            Assert.Equal(text.Plain, visible);
            Assert.True(visible!.Length <= limit || title.Length > 500, $"{visible.Length} > {limit}");
            if (title.Length < 100 && !title.Contains('\u0001', StringComparison.Ordinal))
            {
                Assert.StartsWith(title + "\n", visible, StringComparison.Ordinal);
            }
        }
        var plain = TelegramRender.PlainPost(post, TimeZoneInfo.Utc, TelegramText.MaxText);
        Assert.InRange(plain.Length, 1, TelegramText.MaxText);
        Assert.Contains("https://example.com/a?x=1&y=%222%22", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_pages_and_replies_are_valid_html_and_split_within_4096()
    {
        var posts = Enumerable.Range(0, 40).Select(i => new Post($"Story <{i}> & co", $"https://example.com/{i}", new string('x', 300), "Feed & Co", null, DateTime.UtcNow, null, null, [])).ToList();
        var big = new DigestPage("Daily <digest>", [new DigestGroup("World & more", posts)]);
        var small = new DigestPage("Daily", [new DigestGroup("World", posts.Take(3).ToList())]);
        Assert.Null(TelegramHtmlRules.Parse(TelegramRender.Digest(small, TimeZoneInfo.Utc).Html).Error);
        Assert.True(TelegramRender.Fits(small));
        Assert.False(TelegramRender.Fits(big));

        var reply = new CommandReply(string.Join('\n', Enumerable.Range(0, 400).Select(i => $"{i}. Feed <{i}> & more — https://example.com/{i}")),
            Articles: [new ReplyArticle("A <title>", "https://example.com/t", "Summary & stuff", "Src", DateTime.UtcNow)]);
        var pages = TelegramRender.Reply(reply);
        Assert.True(pages.Count > 1);
        Assert.All(pages, p =>
        {
            var (visible, error) = TelegramHtmlRules.Parse(p.Html);
            Assert.Null(error);
            Assert.InRange(visible!.Length, 1, TelegramText.MaxText);
        });
        Assert.Contains("A <title>", pages[^1].Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/subscribe https://x.example/feed words", "subscribe", "https://x.example/feed words")]
    [InlineData("/subscribe@NewsTestBot https://x.example/feed", "subscribe", "https://x.example/feed")]
    [InlineData("/LIST@newstestbot", "list", "")]
    [InlineData("/help\n", "help", "")]
    [InlineData("/subscribe@OtherBot https://x.example/feed", null, null)]
    [InlineData("hello /subscribe", null, null)]
    [InlineData("/", null, null)]
    [InlineData("/sub-scribe x", null, null)]
    [InlineData("", null, null)]
    public void Command_lines_are_parsed_and_other_bots_commands_ignored(string text, string? name, string? arguments)
    {
        var parsed = TelegramCommandLine.Parse(text, "NewsTestBot");
        Assert.Equal(name, parsed?.Name);
        Assert.Equal(arguments, parsed?.Arguments);
    }

    [Fact]
    public void Callback_data_fits_64_bytes_and_long_commands_are_stored_under_a_key()
    {
        var time = new FakeTimeProvider();
        var data = new TelegramCallbackData(time);
        var shortOne = data.Encode("unsubscribe 12");
        Assert.Equal("unsubscribe 12", data.Decode(shortOne));
        var longCommand = "unsubscribe " + new string('订', 40);
        var key = data.Encode(longCommand);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(key), 1, 64);
        Assert.Equal(longCommand, data.Decode(key));
        time.Advance(TimeSpan.FromDays(2));
        Assert.Null(data.Decode(key));
        Assert.Null(data.Decode("k:unknown"));
    }

    [Fact]
    public void The_limiter_spaces_a_chat_a_group_per_minute_and_everything_per_second()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var limiter = new TelegramRateLimiter(new TelegramOptions(), time);
        var now = time.GetUtcNow();
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(_ => limiter.Reserve("100", now).TotalSeconds));
        Assert.Equal(0, limiter.Reserve("200", now).TotalSeconds);

        // A group: 20 a minute, then the 21st waits for the first to be a minute old.
        var group = Enumerable.Range(0, 21).Select(_ => limiter.Reserve("-300", now)).ToList();
        Assert.Equal(19, group[19].TotalSeconds);
        Assert.Equal(60, group[20].TotalSeconds);

        // Overall: at most 30 in any second.
        var fresh = new TelegramRateLimiter(new TelegramOptions(), time);
        var many = Enumerable.Range(0, 31).Select(i => fresh.Reserve($"{1000 + i}", now)).ToList();
        Assert.All(many.Take(30), d => Assert.Equal(TimeSpan.Zero, d));
        Assert.Equal(1, many[30].TotalSeconds);

        limiter.Block("200", TimeSpan.FromSeconds(7));
        Assert.Equal(7, limiter.Reserve("200", now).TotalSeconds);
    }

    [Theory]
    [InlineData("123:abc", null, null)]
    [InlineData("not-a-token", null, "BotToken")]
    [InlineData("123:abc", "ftp://x", "ApiBaseUrl")]
    public void Options_are_checked_with_one_line_naming_the_key(string token, string? baseUrl, string? problem)
    {
        var error = TelegramOptions.Rules(new TelegramOptions { BotToken = token, ApiBaseUrl = baseUrl }).FirstOrDefault();
        if (problem is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(problem + ":", error, StringComparison.Ordinal);
        }
        Assert.Contains("WebhookSecret", string.Join("|", TelegramOptions.Rules(new TelegramOptions { BotToken = "1:a", Mode = TelegramMode.Webhook, WebhookUrl = "https://x.example/hook" })), StringComparison.Ordinal);
    }
}
