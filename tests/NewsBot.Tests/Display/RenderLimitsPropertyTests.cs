using System.Text;
using NewsBot.Delivery;
using NewsBot.Discord;
using NewsBot.DiscordBot;
using NewsBot.Display;
using NewsBot.Telegram;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.Telegram;

namespace NewsBot.Tests.Display;

/// <summary>
/// For any template and any article, zh or en, every rendering stays inside its platform's limits: Telegram 4096 visible
/// UTF-16 units of text and 1024 of caption (counted by the fake's own HTML parser), Discord 2000 content, 4096
/// description, 256 title, 6000 per message, ten embeds. Seeded, so a failure names a case that can be replayed.
/// </summary>
public sealed class RenderLimitsPropertyTests
{
    private const int Cases = 1500;

    private static readonly string[] Words =
    [
        "market", "rates", "<b>", "&amp;", "\"quoted\"", "*bold*", "_under_", "[link](x)", "`code`", "@everyone", "<@&1234>", "# heading",
        "地震", "经济", "北京时间", "臺灣", "報導", "😀", "👩‍👩‍👧", "🇨🇳", "\n", "\n\n", "\t", "\u200b", "\u0007", "a\u0301", "|spoiler|", ">quote",
    ];

    private static string Text(Random r, int maxWords)
    {
        var sb = new StringBuilder();
        var n = r.Next(maxWords + 1);
        for (var i = 0; i < n; i++)
        {
            sb.Append(Words[r.Next(Words.Length)]).Append(r.Next(4) == 0 ? "" : " ");
        }
        return sb.ToString();
    }

    private static string Template(Random r)
    {
        if (r.Next(6) == 0)
        {
            return PostStyles.Names.ElementAt(r.Next(PostStyles.Names.Count));
        }
        string[] fields = ["title", "summary", "text", "link", "source", "author", "date", "categories"];
        var sb = new StringBuilder();
        var parts = r.Next(1, 25);
        for (var i = 0; i < parts && sb.Length < 900; i++)
        {
            if (r.Next(2) == 0)
            {
                var literal = Text(r, 8).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
                sb.Append(literal.Length > 120 ? literal[..120] : literal);
                continue;
            }
            var field = fields[r.Next(fields.Length)];
            sb.Append('{').Append(field);
            if (field == "date" && r.Next(2) == 0)
            {
                sb.Append(r.Next(2) == 0 ? ":yyyy年M月d日 HH:mm" : ":dddd, dd MMMM yyyy HH:mm:ss zzz");
            }
            else if (field is not ("link" or "date") && r.Next(3) == 0)
            {
                sb.Append(':').Append(r.Next(1, 4001));
            }
            sb.Append('}');
        }
        // A wall of the template's own text, up to the limit: the literals alone must still fit a caption.
        if (r.Next(20) == 0)
        {
            sb.Append(string.Concat(Enumerable.Repeat("地", Math.Max(0, PostTemplate.MaxLength - sb.Length - 8)))).Append("{title}");
        }
        return sb.ToString();
    }

    private static Post Article(Random r)
    {
        var zh = r.Next(2) == 0;
        string Long(int words) => zh ? string.Concat(Enumerable.Repeat("中国人民银行宣布下调存款准备金率。", r.Next(words))) : Text(r, words);
        var url = r.Next(5) switch
        {
            0 => null,
            1 => "https://news.example.com/" + new string('a', r.Next(1900)),
            2 => "javascript:alert(1)",
            _ => "https://news.example.com/a/" + r.Next(),
        };
        var images = Enumerable.Range(0, r.Next(13)).Select(i => new PostMedia($"https://img.example.com/{i}.jpg", i == 5 ? MediaKind.Video : MediaKind.Image)).ToList();
        return new Post(Long(r.Next(2) == 0 ? 5 : 400), url, Long(r.Next(2) == 0 ? 30 : 3000), Text(r, r.Next(2) == 0 ? 3 : 200),
            r.Next(3) == 0 ? null : "https://site.example.com/", DateTime.UtcNow.AddMinutes(-r.Next(100000)), images.Count > 0 ? images[0].Url : null,
            zh ? "zh" : "en", Enumerable.Range(0, r.Next(12)).Select(_ => Text(r, 30)).ToList())
        {
            Text = Long(r.Next(2) == 0 ? 10 : 5000),
            Author = r.Next(3) == 0 ? null : Text(r, 100),
            Categories = Enumerable.Range(0, r.Next(30)).Select(_ => Text(r, 12)).ToList(),
            Media = images,
            MentionRoles = Enumerable.Range(0, r.Next(4)).Select(i => (100000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        };
    }

    [Fact]
    public void Every_template_and_article_renders_within_every_platform_limit()
    {
        var random = new Random(20261204);
        var zones = new[] { TimeZoneInfo.Utc, TelegramRender.Zone("Asia/Shanghai"), TelegramRender.Zone("America/New_York") };
        var parsed = 0;
        for (var i = 0; i < Cases; i++)
        {
            var template = Template(random);
            if (!PostTemplate.TryParse(template, out _, out _))
            {
                continue;
            }
            parsed++;
            var post = Article(random) with
            {
                Display = new DisplaySettings
                {
                    Format = template,
                    Media = (MediaMode)random.Next(3),
                    SummaryLength = random.Next(3) == 0 ? random.Next(20, 4001) : null,
                    Title = random.Next(4) == 0 ? Text(random, 10) is { Length: > 0 and <= 100 } t ? t : null : null,
                },
            };
            var zone = zones[i % zones.Length];
            var where = $"case {i}: template {template.ReplaceLineEndings("⏎")}";

            foreach (var limit in new[] { TelegramText.MaxText, TelegramText.MaxCaption })
            {
                var html = TelegramRender.Post(post, zone, limit).Html;
                var (visible, error) = TelegramHtmlRules.Parse(html);
                Assert.True(error is null, $"{where}: {error}");
                Assert.True(visible!.Length <= limit, $"{where}: {visible.Length} > {limit}");
                Assert.InRange(TelegramRender.PlainPost(post, zone, limit).Length, 1, limit);
            }
            var only = TelegramRender.Post(post, zone, TelegramText.MaxCaption, PostStyles.TitleOnlyTemplate);
            Assert.InRange(only.VisibleLength, 1, TelegramText.MaxCaption);

            var message = DiscordSender.PostMessage(post, zone, null);
            Assert.True(DiscordLimits.Check(message.Content, message.Embeds) is null, $"{where}: {DiscordLimits.Check(message.Content, message.Embeds)}");
            var json = System.Text.Json.JsonSerializer.SerializeToNode(message, DiscordJson.Options)!.AsObject();
            Assert.Empty(FakeDiscordServer.MessageLimitErrors(json));
            Assert.InRange(message.Embeds!.Count, 1, DiscordLimits.EmbedsPerMessage);
            Assert.All(message.Embeds, e => Assert.True((e.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription && (e.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle, where));
            Assert.True(message.Embeds[0].Description is { Length: > 0 } || message.Embeds[0].Title is { Length: > 0 }, $"{where}: an empty post");
            Assert.InRange(ForumPosts.ThreadName(post.Title).Length, 1, DiscordLimits.ThreadName);
        }
        Assert.True(parsed > Cases / 2, $"only {parsed} of {Cases} generated templates parsed");
    }
}
