using System.Text.Json;
using NewsBot.Cli;
using NewsBot.Display;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Feeds;

/// <summary>Issue 16: `preview --channel` marks the items that channel would merge into a post it already got from another feed.</summary>
public sealed class PreviewMergeMarksTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("preview-merge-").FullName;
    private readonly TempDatabase _db = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _db.Dispose();
    }

    private const string Headline = "Volcano erupts near Grindavik as lava reaches the town's defences";
    private const string Lead = "A volcanic fissure opened north of Grindavik on Saturday evening, the Icelandic Meteorological Office said, " +
        "and lava flowed toward the barriers built to protect the fishing town of 3,800 people, which was evacuated in November.";

    /// <summary>console:main got the wire story from "Wire A" an hour ago.</summary>
    private async Task<DbFactory> ChannelWithTheStoryAsync()
    {
        var dbs = await Seed.MigratedAsync(_db);
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs);
        await using var db = dbs.Create();
        var now = DateTime.UtcNow;
        var stored = db.Feeds.Single(f => f.Id == feed.Id);
        stored.Title = "Wire A";
        var article = new Article { FeedId = feed.Id, DedupeKey = "a-1", Title = Headline, Text = Lead + "\n\nRead more at Wire A.", PublishedAt = now, FirstSeenAt = now };
        article.StoryHash = Router.KeyOf(article).Hash;
        db.Outbox.Add(new OutboxEntry { ChannelId = channel.Id, Article = article, State = OutboxState.Sent, SentAt = now.AddHours(-1), NextAttemptAt = now, Nonce = Router.NewNonce(), CreatedAt = now.AddHours(-1) });
        await db.SaveChangesAsync();
        return dbs;
    }

    private string FeedB() => WriteFile("wire-b.xml", $"""
        <rss version="2.0"><channel><title>Wire B</title><link>https://b.example/</link>
          <item><title>{Headline.Replace("'", "&apos;", StringComparison.Ordinal)}</title><link>https://b.example/1</link><guid>b1</guid>
            <description>&lt;p&gt;(Wire B) — {Lead}&lt;/p&gt;&lt;p&gt;© Wire B Agency.&lt;/p&gt;</description></item>
          <item><title>Parliament passes the fisheries bill after a night session</title><link>https://b.example/2</link><guid>b2</guid>
            <description>The bill passed 34 to 29 after eleven hours of debate, the speaker said.</description></item>
        </channel></rss>
        """);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Raw)> RunAsync(DbFactory dbs, params string[] args)
    {
        using var services = PreviewTestServices.Build(dbs);
        using var stdout = new StringWriter();
        var code = await PreviewCommand.RunAsync(args, services, stdout, CancellationToken.None);
        return (code, stdout.ToString());
    }

    [Fact]
    public async Task Json_marks_the_item_the_channel_would_merge_and_leaves_the_other_unmarked()
    {
        var dbs = await ChannelWithTheStoryAsync();
        var (code, raw) = await RunAsync(dbs, "--json", "--channel", "console:main", FeedB());

        Assert.Equal(0, code);
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var merge = items[0].GetProperty("mergesInto");
        Assert.Equal(Headline, merge.GetProperty("title").GetString());
        Assert.Equal("Wire A", merge.GetProperty("feed").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("mergesInto").ValueKind);

        var (_, text) = await RunAsync(dbs, "--channel", "console:main", FeedB());
        Assert.Contains($"↳ this channel would merge it into \"{Headline}\" (Wire A)", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("would merge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_channel_each_item_is_rendered_as_that_channel_would_read_it()
    {
        var dbs = await ChannelWithTheStoryAsync();
        var (_, telegram) = await Seed.FeedAndChannelAsync(dbs, Platforms.Telegram, "-1007");
        var (_, discord) = await Seed.FeedAndChannelAsync(dbs, Platforms.Discord, "710000000000000001");
        await using (var db = dbs.Create())
        {
            var t = db.Channels.Single(c => c.Id == telegram.Id);
            t.Display = new DisplaySettings { Format = "{title}\n🕒 {date:HH:mm} · {source}" }.ToJson();
            t.TimeZone = "Asia/Shanghai";
            db.Channels.Single(c => c.Id == discord.Id).Display = new DisplaySettings { Format = "title-only", Mentions = [new MentionRule(["42"], [], "fisheries")] }.ToJson();
            await db.SaveChangesAsync();
        }
        var file = WriteFile("dated.xml", """
            <rss version="2.0"><channel><title>Wire B</title><link>https://b.example/</link>
              <item><title>Parliament passes the fisheries bill</title><link>https://b.example/2</link><guid>b2</guid>
                <pubDate>Fri, 04 Dec 2026 01:30:00 GMT</pubDate><description>The bill passed 34 to 29.</description></item>
            </channel></rss>
            """);

        var (code, text) = await RunAsync(dbs, "--channel", "telegram:-1007", file);
        Assert.Equal(0, code);
        Assert.Contains("↳ as this channel would read it:\n   │ Parliament passes the fisheries bill\n   │ 🕒 09:30 · Wire B", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var (_, raw) = await RunAsync(dbs, "--json", "--channel", "discord:710000000000000001", file);
        var rendered = JsonDocument.Parse(raw).RootElement.GetProperty("items")[0].GetProperty("rendered").GetString();
        Assert.StartsWith("<@&42>\n**[Parliament passes the fisheries bill](https://b.example/2)**", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_channel_there_is_no_mark_and_an_unknown_channel_is_a_usage_error()
    {
        var dbs = await ChannelWithTheStoryAsync();
        var (code, raw) = await RunAsync(dbs, "--json", FeedB());
        Assert.Equal(0, code);
        Assert.All(JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray(), i => Assert.False(i.TryGetProperty("mergesInto", out _)));

        var (unknown, message) = await RunAsync(dbs, "--json", "--channel", "telegram:-100999", FeedB());
        Assert.Equal(2, unknown);
        Assert.Contains("no channel telegram:-100999", message, StringComparison.Ordinal);
        var (bad, usage) = await RunAsync(dbs, "--channel", "nonsense", FeedB());
        Assert.Equal(2, bad);
        Assert.Contains("--channel needs platform:id", usage, StringComparison.Ordinal);
    }
}
