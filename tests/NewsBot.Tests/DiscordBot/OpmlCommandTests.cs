using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.Support;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>/opml export and /opml import through the gateway, the real bot and the real client, files and all.</summary>
public sealed class OpmlCommandTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DiscordBotHost.StartAsync();
        _host.Feeds.AddItem("world", "w1", "A story", "<p>Body.</p>");
        _host.Feeds.AddItem("tech", "t1", "Tech story", "<p>Body.</p>");
        _host.Feeds.AddItem("other", "o1", "Other story", "<p>Body.</p>");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Microsoft.AspNetCore.Builder.WebApplication App, FakeGatewayConnection Session)> StartAsync(params (string Key, string? Value)[] settings)
    {
        var app = await _host.BuildAsync(settings);
        await app.StartAsync();
        return (app, await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20)));
    }

    private static JsonArray Sub(string name, params JsonObject[] options) =>
        new(new JsonObject { ["name"] = name, ["type"] = 1, ["options"] = new JsonArray([.. options]) });

    private static JsonArray Import(JsonObject attachment) =>
        Sub("import", new JsonObject { ["name"] = "file", ["type"] = 11, ["value"] = (string)attachment["id"]! });

    private static JsonObject Resolved(JsonObject attachment) =>
        new() { ["attachments"] = new JsonObject { [(string)attachment["id"]!] = attachment.DeepClone() } };

    private async Task<RecordedRequest> CallbackAsync(ulong interactionId)
    {
        var pattern = $"/interactions/{interactionId}/[^/]+/callback";
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", pattern).Any(r => r.Status == 204), TimeSpan.FromSeconds(15)));
        return _host.Discord.RequestsTo("POST", pattern).Single(r => r.Status == 204);
    }

    private static async Task SubscribeAsync(Microsoft.AspNetCore.Builder.WebApplication app, ulong channel, string url, string? filter = null)
    {
        var result = await app.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(channel)), url, filter), default);
        Assert.True(result.Ok, result.Message);
    }

    private static async Task<List<string>> FeedsOfAsync(Microsoft.AspNetCore.Builder.WebApplication app, ulong channel) =>
        [.. (await app.Services.GetRequiredService<SubscriptionService>().ListAsync(new ChannelRef(Platforms.Discord, Id(channel)), default)).Select(s => s.FeedUrl).Order(StringComparer.Ordinal)];

    private static List<OpmlFeed> Read(byte[] file)
    {
        Assert.Equal("opml", XDocument.Parse(Encoding.UTF8.GetString(file)).Root!.Name.LocalName);
        Assert.True(OpmlDocument.TryRead(file, out var feeds, out var error), error);
        return feeds;
    }

    [Fact]
    public async Task Export_answers_privately_with_a_well_formed_opml_file_of_exactly_this_channels_feeds()
    {
        var (app, session) = await StartAsync();
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("world"));
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("tech"), "story -sport");
        await SubscribeAsync(app, ChannelB, _host.Feeds.UrlOf("other"));

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Sub("export"), permissions: "32");
        var callback = await CallbackAsync(id);

        Assert.Equal(4, (int)callback.Body!["type"]!);
        Assert.Equal(64, (int)callback.Body["data"]!["flags"]!);
        Assert.Contains("2 subscriptions", (string)callback.Body["data"]!["content"]!, StringComparison.Ordinal);
        var file = Assert.Single(callback.Files!);
        Assert.Equal($"newsbot-{Id(ChannelA)}.opml", file.FileName);
        var feeds = Read(file.Content);
        Assert.Equal([_host.Feeds.UrlOf("tech"), _host.Feeds.UrlOf("world")], feeds.Select(f => f.Url).Order(StringComparer.Ordinal));
        Assert.Equal("story -sport", feeds.Single(f => f.Url == _host.Feeds.UrlOf("tech")).Filter);
        Assert.Equal($"newsbot-{Id(ChannelA)}.opml", (string)Assert.Single(_host.Discord.RepliesTo(token))["attachments"]![0]!["filename"]!);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task A_deferred_export_edits_the_reply_in_and_sends_the_file_as_a_private_follow_up()
    {
        var (app, session) = await StartAsync(("Discord:DeferAfter", "00:00:00"));
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("world"));

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Sub("export"), locale: "zh-CN");
        var first = await CallbackAsync(id);
        Assert.Equal(5, (int)first.Body!["type"]!);
        Assert.Equal(64, (int)first.Body["data"]!["flags"]!);

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", $"/webhooks/\\d+/{token}").Any(r => r.Status == 200), TimeSpan.FromSeconds(15)));
        var edit = Assert.Single(_host.Discord.RequestsTo("PATCH", $"/webhooks/\\d+/{token}/messages/@original"));
        Assert.Contains("1 个订阅", (string)edit.Body!["content"]!, StringComparison.Ordinal);
        var followup = Assert.Single(_host.Discord.RequestsTo("POST", $"/webhooks/\\d+/{token}"));
        Assert.Equal(64, (int)followup.Body!["flags"]!);
        Assert.Equal([_host.Feeds.UrlOf("world")], Read(Assert.Single(followup.Files!).Content).Select(f => f.Url));
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task Import_of_a_good_file_subscribes_its_feeds_and_says_what_was_added_and_skipped_in_one_message()
    {
        var (app, session) = await StartAsync();
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("world"));
        var requestsBefore = _host.Feeds.Requests;
        var opml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="News">
                <outline type="rss" text="World" xmlUrl="{_host.Feeds.UrlOf("world")}"/>
                <outline type="rss" text="Tech" xmlUrl="{_host.Feeds.UrlOf("tech")}" newsbotFilter="story"/>
              </outline>
              <outline type="rss" text="Old" xmlUrl="ftp://files.example.org/feed"/>
            </body></opml>
            """;
        var attachment = _host.Discord.AddAttachment("subscriptions.opml", Encoding.UTF8.GetBytes(opml), "text/x-opml");

        var (id, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Import(attachment), permissions: "32", resolved: Resolved(attachment));
        var callback = await CallbackAsync(id);

        Assert.Equal(4, (int)callback.Body!["type"]!);
        var content = (string)callback.Body["data"]!["content"]!;
        Assert.Contains("Imported 1 feeds (1 already subscribed)", content, StringComparison.Ordinal);
        Assert.Contains("ftp://files.example.org/feed: only http and https", content, StringComparison.Ordinal);
        Assert.Equal([_host.Feeds.UrlOf("tech"), _host.Feeds.UrlOf("world")], await FeedsOfAsync(app, ChannelA));
        Assert.Equal(1, _host.Discord.CdnRequests);
        // The new feed is polled from the loopback feed server like any other.
        Assert.True(await Eventually.TrueAsync(() => _host.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .AnyAsync(db.Feeds, f => f.Url == _host.Feeds.UrlOf("tech") && f.Title == "Feed tech")).Result, TimeSpan.FromSeconds(20)));
        Assert.True(_host.Feeds.Requests > requestsBefore);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task An_exported_file_imports_into_another_channel()
    {
        var (app, session) = await StartAsync();
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("world"));
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("tech"));
        var (exportId, exportToken) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Sub("export"));
        await CallbackAsync(exportId);
        var uploaded = (JsonObject)_host.Discord.RepliesTo(exportToken).Single()["attachments"]![0]!.DeepClone();

        var (id, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelB, "opml", Import(uploaded), resolved: Resolved(uploaded));
        var callback = await CallbackAsync(id);

        Assert.Contains("Imported 2 feeds", (string)callback.Body!["data"]!["content"]!, StringComparison.Ordinal);
        Assert.Equal(await FeedsOfAsync(app, ChannelA), await FeedsOfAsync(app, ChannelB));
        Assert.Empty(_host.Discord.Violations);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "billion laughs", "contains a DTD, which is refused" },
        { "50 MB declared", "the file is 47.7 MiB; at most 1 MiB is accepted" },
        { "wrong host", "is not Discord's CDN" },
        { "not OPML", "this is not OPML" },
        { "a picture", "is not an OPML file" },
        { "bigger than declared", "larger than its declared size" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_files_are_refused_with_one_clear_line_and_nothing_is_subscribed(string @case, string expected)
    {
        var (app, session) = await StartAsync();
        var good = Encoding.UTF8.GetBytes($"""<opml version="2.0"><body><outline xmlUrl="{_host.Feeds.UrlOf("world")}"/></body></opml>""");
        var attachment = @case switch
        {
            "billion laughs" => _host.Discord.AddAttachment("laughs.opml", Encoding.UTF8.GetBytes(BillionLaughs(_host.Feeds.UrlOf("world")))),
            "50 MB declared" => _host.Discord.AddAttachment("big.opml", good, declaredSize: 50_000_000),
            "wrong host" => WrongHost(_host.Discord.AddAttachment("subs.opml", good), _host.Feeds.UrlOf("world")),
            "not OPML" => _host.Discord.AddAttachment("feed.xml", Encoding.UTF8.GetBytes($"""<rss version="2.0"><channel><link>{_host.Feeds.UrlOf("world")}</link></channel></rss>""")),
            "a picture" => _host.Discord.AddAttachment("cat.png", [0x89, 0x50, 0x4E, 0x47], "image/png"),
            _ => _host.Discord.AddAttachment("subs.opml", [.. good, .. new byte[2 * 1024 * 1024]], declaredSize: good.Length, hideLength: true),
        };
        var feedRequests = _host.Feeds.Requests;

        var (id, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Import(attachment), permissions: "32", resolved: Resolved(attachment));
        var callback = await CallbackAsync(id);

        var content = (string)callback.Body!["data"]!["content"]!;
        Assert.Contains(expected, content, StringComparison.Ordinal);
        Assert.StartsWith("Could not import: ", content, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', content);
        Assert.Equal(64, (int)callback.Body["data"]!["flags"]!);
        Assert.Empty(await FeedsOfAsync(app, ChannelA));
        Assert.Equal(0, await _host.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Subscriptions)));
        if (@case is "50 MB declared" or "wrong host" or "a picture")
        {
            Assert.Equal(0, _host.Discord.CdnRequests);
        }
        Assert.Equal(feedRequests, _host.Feeds.Requests);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task A_member_without_manage_guild_cannot_import_and_the_file_is_not_even_downloaded()
    {
        var (app, session) = await StartAsync();
        var attachment = _host.Discord.AddAttachment("subs.opml", Encoding.UTF8.GetBytes($"""<opml version="2.0"><body><outline xmlUrl="{_host.Feeds.UrlOf("world")}"/></body></opml>"""));

        var (id, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Import(attachment), permissions: "2048", resolved: Resolved(attachment));
        var callback = await CallbackAsync(id);

        Assert.Contains("administrators", (string)callback.Body!["data"]!["content"]!, StringComparison.Ordinal);
        Assert.Equal(0, _host.Discord.CdnRequests);
        Assert.Empty(await FeedsOfAsync(app, ChannelA));
    }

    [Fact]
    public async Task A_429_on_the_answer_with_the_file_is_waited_out_and_the_file_arrives_once()
    {
        var (app, session) = await StartAsync();
        await SubscribeAsync(app, ChannelA, _host.Feeds.UrlOf("world"));
        _host.Discord.RateLimitNext("POST", @"/interactions/\d+/[^/]+/callback", 1, retryAfter: 0.3);

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "opml", Sub("export"));
        await CallbackAsync(id);

        var attempts = _host.Discord.RequestsTo("POST", $"/interactions/{id}/[^/]+/callback");
        Assert.Equal([429, 204], attempts.Select(a => a.Status));
        Assert.All(attempts, a => Assert.Single(a.Files!));
        var reply = Assert.Single(_host.Discord.RepliesTo(token));
        Assert.Single(reply["attachments"]!.AsArray());
        Assert.Empty(_host.Discord.Violations);
    }

    private static string BillionLaughs(string url) =>
        HostileXml.BillionLaughs("opml", $"""<opml version="2.0"><body><outline text="&lol9;" xmlUrl="{url}"/></body></opml>""");

    /// <summary>The same attachment, but its addresses point at another (reachable) host: the feed server.</summary>
    private static JsonObject WrongHost(JsonObject attachment, string url)
    {
        attachment["url"] = url.Replace(".xml", ".opml", StringComparison.Ordinal);
        attachment["proxy_url"] = url;
        return attachment;
    }
}
