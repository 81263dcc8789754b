using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Routing;
using NewsBot.Storage;
using NSec.Cryptography;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>The optional HTTP interactions endpoint, signed with a real Ed25519 key.</summary>
public sealed class HttpInteractionsTests : IAsyncLifetime, IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private readonly HttpClient _http = new();
    private DiscordBotHost _host = null!;
    private WebApplication _app = null!;
    private string _endpoint = "";

    public async Task InitializeAsync()
    {
        _host = await DiscordBotHost.StartAsync();
        _host.Feeds.AddItem("world", "w1", "A story", "<p>Body.</p>");
        var publicKey = Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        _app = await _host.BuildAsync(("Discord:PublicKey", publicKey));
        await _app.StartAsync();
        _endpoint = _app.Urls.First().TrimEnd('/') + "/discord/interactions";
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        _http.Dispose();
    }

    private static JsonObject Interaction(int type, JsonObject? data, string permissions = "32", string locale = "en-US") => new()
    {
        ["id"] = "1200000000000000001",
        ["application_id"] = Id(Discord.Fakes.FakeDiscordServer.ApplicationId),
        ["type"] = type,
        ["token"] = "http-token",
        ["version"] = 1,
        ["guild_id"] = Id(Guild),
        ["channel_id"] = Id(ChannelA),
        ["channel"] = new JsonObject { ["id"] = Id(ChannelA), ["type"] = 0, ["guild_id"] = Id(Guild) },
        ["locale"] = locale,
        ["member"] = new JsonObject { ["permissions"] = permissions, ["user"] = new JsonObject { ["id"] = "400000000000000001", ["username"] = "alice" } },
        ["data"] = data,
    };

    private static JsonObject Slash(string name, params (string Name, string Value)[] options) => new()
    {
        ["id"] = "500000000000000001",
        ["name"] = name,
        ["type"] = 1,
        ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]),
    };

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(JsonObject interaction, Key? signer = null, bool sign = true)
    {
        var body = interaction.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (sign)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var signature = SignatureAlgorithm.Ed25519.Sign(signer ?? _key, Encoding.UTF8.GetBytes(timestamp + body));
            request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task A_signed_ping_gets_a_pong_and_a_bad_or_missing_signature_gets_401()
    {
        var pong = await PostAsync(Interaction(1, null));
        Assert.Equal(HttpStatusCode.OK, pong.Status);
        Assert.Equal(1, (int)pong.Body!["type"]!);

        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Interaction(1, null), stranger)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Interaction(1, null), sign: false)).Status);
    }

    [Fact]
    public async Task Subscribe_answers_with_the_feed_title_and_a_member_without_manage_guild_is_refused()
    {
        var refused = await PostAsync(Interaction(2, Slash("subscribe", ("url", _host.Feeds.UrlOf("world"))), permissions: "2048"));
        Assert.Equal(4, (int)refused.Body!["type"]!);
        Assert.Equal(64, (int)refused.Body["data"]!["flags"]!);
        Assert.Contains("administrators", (string)refused.Body["data"]!["content"]!, StringComparison.Ordinal);
        var none = await _app.Services.GetRequiredService<SubscriptionService>().ListAsync(new ChannelRef(Platforms.Discord, Id(ChannelA)), default);
        Assert.Empty(none);

        var done = await PostAsync(Interaction(2, Slash("subscribe", ("url", _host.Feeds.UrlOf("world")), ("filter", "story")), locale: "zh-CN"));
        var reply = await _host.ReplyMessageAsync(done.Body!, "http-token");
        Assert.Contains("已订阅 Feed world", (string)reply["content"]!, StringComparison.Ordinal);
        Assert.Empty(reply["allowed_mentions"]!["parse"]!.AsArray());
        var channel = await _host.QueryAsync(_app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Channels, c => c.ExternalId == Id(ChannelA)));
        Assert.Equal(Id(Guild), channel.GuildId);
    }

    [Fact]
    public async Task Unsubscribe_autocompletes_from_this_channels_feeds_and_buttons_run_commands()
    {
        _host.Feeds.AddItem("tech", "t1", "Tech story", "<p>Body.</p>");
        var subscriptions = _app.Services.GetRequiredService<SubscriptionService>();
        Assert.True((await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(ChannelA)), _host.Feeds.UrlOf("world")), default)).Ok);
        Assert.True((await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(ChannelB)), _host.Feeds.UrlOf("tech")), default)).Ok);
        var feedId = (await subscriptions.ListAsync(new ChannelRef(Platforms.Discord, Id(ChannelA)), default)).Single().FeedId;

        var data = new JsonObject
        {
            ["id"] = "500000000000000002",
            ["name"] = "unsubscribe",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "feed", ["type"] = 3, ["value"] = "feed", ["focused"] = true }),
        };
        var answer = await PostAsync(Interaction(4, data));
        Assert.Equal(8, (int)answer.Body!["type"]!);
        var choice = Assert.Single(answer.Body["data"]!["choices"]!.AsArray());
        Assert.Equal("Feed world", (string)choice!["name"]!);
        Assert.Equal(feedId.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)choice["value"]!);

        var pressed = await PostAsync(Interaction(3, new JsonObject { ["custom_id"] = "cmd:list", ["component_type"] = 2 }, permissions: "0"));
        Assert.Equal(4, (int)pressed.Body!["type"]!);
        Assert.Equal(64, (int)pressed.Body["data"]!["flags"]!);
        Assert.Contains("Feed world", (string)pressed.Body["data"]!["content"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Feed tech", (string)pressed.Body["data"]!["content"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_over_http_answers_in_the_response_and_sends_the_file_as_a_private_follow_up()
    {
        // The HTTP response cannot be multipart (Discord fails the interaction), so the file follows through the API.
        _host.Discord.RegisterInteraction(1200000000000000001, "http-token", answeredOverHttp: true);
        var subscriptions = _app.Services.GetRequiredService<SubscriptionService>();
        Assert.True((await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(ChannelA)), _host.Feeds.UrlOf("world")), default)).Ok);
        var export = new JsonObject
        {
            ["id"] = "500000000000000003",
            ["name"] = "opml",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "export", ["type"] = 1 }),
        };

        var answer = await PostAsync(Interaction(2, export));

        Assert.Equal(4, (int)answer.Body!["type"]!);
        Assert.Equal(64, (int)answer.Body["data"]!["flags"]!);
        Assert.Null(answer.Body["data"]!["attachments"]);
        Assert.True(await Support.Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", @"/webhooks/\d+/http-token").Any(r => r.Status == 200), TimeSpan.FromSeconds(15)));
        var followup = Assert.Single(_host.Discord.RequestsTo("POST", @"/webhooks/\d+/http-token"));
        Assert.Equal(64, (int)followup.Body!["flags"]!);
        var file = Assert.Single(followup.Files!);
        Assert.Equal($"newsbot-{Id(ChannelA)}.opml", file.FileName);
        Assert.True(OpmlDocument.TryRead(file.Content, out var feeds, out var error), error);
        Assert.Equal(_host.Feeds.UrlOf("world"), Assert.Single(feeds).Url);
        Assert.Empty(_host.Discord.Violations);
    }
    private static JsonObject SetSub(string sub, params (string Name, string Value, bool Focused)[] options) => new()
    {
        ["id"] = "500000000000000003",
        ["name"] = "set",
        ["type"] = 1,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = sub,
            ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value, ["focused"] = o.Focused ? true : null })]),
        }),
    };

    [Fact]
    public async Task Subscribe_takes_a_full_text_choice_and_set_shows_and_changes_the_channel_settings()
    {
        var done = await PostAsync(Interaction(2, Slash("subscribe", ("url", _host.Feeds.UrlOf("world")), ("fulltext", "always"))));
        Assert.Contains("Subscribed to Feed world", (string)(await _host.ReplyMessageAsync(done.Body!, "http-token"))["content"]!, StringComparison.Ordinal);
        var feed = await _host.QueryAsync(_app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Feeds));
        Assert.Equal(NewsBot.Feeds.FullText.FullTextMode.Always, feed.FullText);

        var refused = await PostAsync(Interaction(2, SetSub("language", ("language", "ja", false)), permissions: "2048"));
        Assert.Contains("administrators", (string)refused.Body!["data"]!["content"]!, StringComparison.Ordinal);

        var completed = await PostAsync(Interaction(4, SetSub("language", ("language", "zh", true))));
        Assert.Equal(8, (int)completed.Body!["type"]!);
        var values = completed.Body["data"]!["choices"]!.AsArray().Select(c => (string)c!["value"]!).ToList();
        Assert.Contains("zh-Hant", values);
        Assert.Contains("zh-Hans", values);
        Assert.DoesNotContain("fr", values);

        var set = await PostAsync(Interaction(2, SetSub("language", ("language", "ja", false))));
        var saved = (string)(await _host.ReplyMessageAsync(set.Body!, "http-token"))["content"]!;
        Assert.Contains("Japanese (ja)", saved, StringComparison.Ordinal);
        Assert.Contains("needs the LLM", saved, StringComparison.Ordinal);

        var changed = await PostAsync(Interaction(2, SetSub("fulltext", ("fulltext", "never", false), ("feed", feed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), false))));
        Assert.Contains("Full text of Feed world: never", (string)(await _host.ReplyMessageAsync(changed.Body!, "http-token"))["content"]!, StringComparison.Ordinal);

        var shown = await PostAsync(Interaction(2, SetSub("show")));
        var message = await _host.ReplyMessageAsync(shown.Body!, "http-token");
        Assert.Contains("language: ja (Japanese)", (string)message["content"]!, StringComparison.Ordinal);
        Assert.Contains("full text of Feed world: never", (string)message["content"]!, StringComparison.Ordinal);
        Assert.Equal(64, (int)message["flags"]!);
        var labels = message["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(b => (string)b!["label"]!).ToList();
        Assert.Contains("繁體中文", labels);
        var channel = await _host.QueryAsync(_app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Channels, c => c.ExternalId == Id(ChannelA)));
        Assert.Equal("ja", channel.SummaryLanguage);
    }
}
