using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Digests;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.Support;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>`/set display` through the gateway and posts shaped by it, checked by the fake against Discord's spec and ping rules.</summary>
public sealed class DiscordDisplayTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DiscordBotHost.StartAsync();
        _host.Feeds.AddItem("world", "old", "Old story", "<p>Already there.</p>", DateTimeOffset.UtcNow.AddHours(-1));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<WebApplication> StartAsync(ulong channel)
    {
        var app = await _host.BuildAsync();
        var result = await app.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(channel)), _host.Feeds.UrlOf("world")), default);
        Assert.True(result.Ok, result.Message);
        await app.StartAsync();
        return app;
    }

    /// <summary>`/set display option:… value:… [feed:…]` as Discord sends it, answered through the callback and its follow-up.</summary>
    private async Task<string> SetAsync(string session, ulong channel, string option, string value, string? feed = null)
    {
        var options = new JsonArray(new JsonObject { ["name"] = "option", ["type"] = 3, ["value"] = option }, new JsonObject { ["name"] = "value", ["type"] = 3, ["value"] = value });
        if (feed is not null)
        {
            options.Add(new JsonObject { ["name"] = "feed", ["type"] = 3, ["value"] = feed });
        }
        var sub = new JsonArray(new JsonObject { ["name"] = "display", ["type"] = 1, ["options"] = options });
        var (id, token) = await _host.Discord.SendSlashCommandAsync(session, Guild, channel, "set", sub, permissions: "32");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", $"/interactions/{id}/[^/]+/callback").Count > 0, TimeSpan.FromSeconds(10)));
        var answer = await _host.ReplyMessageAsync(_host.Discord.RequestsTo("POST", $"/interactions/{id}/[^/]+/callback").Single().Body!, token);
        return (string)answer["content"]!;
    }

    [Fact]
    public async Task Mention_rules_ping_exactly_their_ids_when_the_filter_matches_and_silent_and_the_template_shape_every_post()
    {
        var app = await StartAsync(ChannelA);
        var session = (await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20))).SessionId!;

        Assert.Contains("Saved mention", await SetAsync(session, ChannelA, "mention", "<@&555000000000000001> <@777000000000000002> earthquake"), StringComparison.Ordinal);
        Assert.Contains("Saved silent", await SetAsync(session, ChannelA, "silent", "on", feed: "default"), StringComparison.Ordinal);
        var refused = await SetAsync(session, ChannelA, "format", "**{title}** {oops}");
        Assert.Contains("Not saved", refused, StringComparison.Ordinal);
        Assert.Contains("position 14: unknown placeholder 'oops'", refused, StringComparison.Ordinal);
        Assert.Contains("Saved format", await SetAsync(session, ChannelA, "format", @"🌏 {title}\n{summary:60}\n— {source}"), StringComparison.Ordinal);
        Assert.Contains("NewsBot never pings @everyone", await SetAsync(session, ChannelA, "mention", "@everyone"), StringComparison.Ordinal);

        _host.Feeds.AddItem("world", "quake", "@everyone Earthquake shakes the coast", "<p>A strong earthquake shook the coast on Friday morning, officials said, and buildings swayed for a minute.</p>");
        _host.Feeds.AddItem("world", "rain", "Rain returns to the valley", "<p>Rain returned to the valley on Friday after a dry month, farmers said.</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelA).Count >= 2, Patience), _host.Output.ToString());
        var bodies = _host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages").Select(r => r.Body!.AsObject())
            .ToDictionary(b => (string)b["embeds"]![0]!["description"]!.AsValue().ToString().Split('\n')[0]);

        var quake = bodies.Single(b => b.Key.Contains("Earthquake", StringComparison.Ordinal)).Value;
        var (roles, users, everyone) = FakeDiscordServer.Pings(quake);
        Assert.Equal(["555000000000000001"], roles);
        Assert.Equal(["777000000000000002"], users);
        Assert.False(everyone);
        Assert.Empty(quake["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(4096, (int)quake["flags"]!);
        var description = (string)quake["embeds"]![0]!["description"]!;
        Assert.StartsWith("🌏 **[\\@everyone Earthquake shakes the coast](", description, StringComparison.Ordinal);
        Assert.EndsWith("\n— [Feed world](" + _host.Feeds.BaseUrl + "/)", description, StringComparison.Ordinal);
        Assert.Contains("…", description.Split('\n')[1], StringComparison.Ordinal);

        var rain = bodies.Single(b => b.Key.Contains("Rain", StringComparison.Ordinal)).Value;
        Assert.Null(rain["content"]);
        var rainPings = FakeDiscordServer.Pings(rain);
        Assert.Empty(rainPings.Roles);
        Assert.Empty(rainPings.Users);
        Assert.False(rainPings.Everyone);
        Assert.Equal(4096, (int)rain["flags"]!);

        // A digest page is the channel's message too: the channel's silence applies there as well.
        var digestChannel = await _host.QueryAsync(app, async db =>
        {
            var subscription = await db.Subscriptions.SingleAsync(s => s.Channel!.ExternalId == Id(ChannelA));
            var now = DateTime.UtcNow;
            db.Outbox.Add(new OutboxEntry
            {
                ChannelId = subscription.ChannelId,
                State = OutboxState.Digest,
                Nonce = Router.NewNonce(),
                CreatedAt = now,
                NextAttemptAt = now,
                Article = new Article { FeedId = subscription.FeedId!.Value, DedupeKey = "digest-harbour", Title = "Harbour reopens", Url = "https://news.example.com/harbour", Summary = "The harbour reopened.", PublishedAt = now, FirstSeenAt = now },
            });
            await db.SaveChangesAsync();
            return subscription.ChannelId;
        });
        Assert.Equal(DigestRunResult.Done, await app.Services.GetRequiredService<DigestRuns>().SendNowAsync(digestChannel, default));
        var page = _host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages").Select(r => r.Body!.AsObject()).Last();
        Assert.Contains("Harbour reopens", page.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(4096, (int)page["flags"]!);
        Assert.Empty(_host.Discord.Violations);
        await app.StopAsync();
    }

    [Fact]
    public async Task Preview_shows_the_posts_as_this_channel_will_get_them()
    {
        var app = await StartAsync(ChannelA);
        var session = (await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20))).SessionId!;
        Assert.Contains("Saved format", await SetAsync(session, ChannelA, "format", "📣 {title}", feed: "default"), StringComparison.Ordinal);

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session, Guild, ChannelA, "preview",
            new JsonArray(new JsonObject { ["name"] = "url", ["type"] = 3, ["value"] = _host.Feeds.UrlOf("world") }));
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", $"/interactions/{id}/[^/]+/callback").Count > 0, TimeSpan.FromSeconds(10)));
        var answer = await _host.ReplyMessageAsync(_host.Discord.RequestsTo("POST", $"/interactions/{id}/[^/]+/callback").Single().Body!, token);
        Assert.Contains("With this chat's settings", (string)answer["content"]!, StringComparison.Ordinal);
        var embed = answer["embeds"]![0]!;
        Assert.StartsWith("📣 **[Old story](", (string)embed["description"]!, StringComparison.Ordinal);
        Assert.Null(embed["title"]);
        Assert.Empty(_host.Discord.Violations);
        await app.StopAsync();
    }

    [Fact]
    public async Task Forum_tags_are_applied_per_filter_and_an_unknown_tag_is_refused_with_the_forums_tags()
    {
        _host.Discord.AddChannel(Forum, Guild, type: 15);
        _host.Discord.SetForumTags(Forum, ("901", "Breaking"), ("902", "Quake"));
        var app = await StartAsync(Forum);
        var session = (await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20))).SessionId!;

        Assert.Contains("this forum has no tag 'Sport'; its tags: Breaking, Quake", await SetAsync(session, Forum, "tags", "Sport"), StringComparison.Ordinal);
        Assert.Contains("Saved tags", await SetAsync(session, Forum, "tags", "Quake,Breaking earthquake"), StringComparison.Ordinal);
        _host.Feeds.AddItem("world", "quake", "Earthquake shakes the coast", "<p>A strong earthquake shook the coast on Friday morning, officials said.</p>");
        _host.Feeds.AddItem("world", "rain", "Rain returns to the valley", "<p>Rain returned to the valley on Friday after a dry month.</p>");

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.ThreadsIn(Forum).Count >= 2, Patience), _host.Output.ToString());
        var threads = _host.Discord.ThreadsIn(Forum).ToDictionary(t => (string)t["name"]!);
        Assert.Equal(["902", "901"], threads["Earthquake shakes the coast"]["applied_tags"]!.AsArray().Select(t => (string)t!));
        Assert.Empty(threads["Rain returns to the valley"]["applied_tags"]!.AsArray());
        Assert.Empty(_host.Discord.Violations);
        await app.StopAsync();
    }

    [Fact]
    public async Task Two_images_make_a_gallery_a_refused_image_is_uploaded_and_one_that_cannot_be_fetched_leaves_the_post_without_it()
    {
        await using var site = await ArticleSiteServer.StartAsync();
        site.ServeHtml("a.png", Png, "image/png");
        site.ServeHtml("b.png", Png, "image/png");
        var app = await StartAsync(ChannelA);
        _host.Discord.RefuseImage(site.PageUrl("b.png"));
        _host.Discord.RefuseImage(site.PageUrl("missing.png"));

        _host.Feeds.AddItem("world", "gallery", "Two pictures", $"<p>Both pictures of the day, with captions below each one of them.</p><img src=\"{site.PageUrl("a.png")}\"><img src=\"{site.PageUrl("x.png")}\">");
        _host.Feeds.AddItem("world", "refused", "Refused picture", $"<p>A picture Discord will not take from its address, so it is attached.</p><img src=\"{site.PageUrl("b.png")}\">");
        _host.Feeds.AddItem("world", "gone", "Gone picture", $"<p>A picture nobody can fetch at all, the post goes out without it.</p><img src=\"{site.PageUrl("missing.png")}\">");

        Assert.True(await Eventually.TrueAsync(async () => (await _host.QueryAsync(app, db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent))) == 3, Patience), _host.Output.ToString());
        var messages = _host.Discord.MessagesIn(ChannelA).ToDictionary(m => (string)m["embeds"]![0]!["title"]!);
        Assert.Equal(3, messages.Count);

        var gallery = messages["Two pictures"]["embeds"]!.AsArray();
        Assert.Equal(2, gallery.Count);
        Assert.Equal((string)gallery[0]!["url"]!, (string)gallery[1]!["url"]!);
        Assert.Equal([site.PageUrl("a.png"), site.PageUrl("x.png")], gallery.Select(e => (string)e!["image"]!["url"]!));

        var refused = _host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages").Where(r => r.Status == 200 && r.Files is { Count: > 0 }).ToList();
        var upload = Assert.Single(refused);
        Assert.Equal("b.png", upload.Files![0].FileName);
        Assert.Equal(Png, upload.Files[0].Content);
        Assert.Equal("attachment://b.png", (string)upload.Body!["embeds"]![0]!["image"]!["url"]!);

        Assert.Null(messages["Gone picture"]["embeds"]![0]!["image"]);
        Assert.Equal(1, site.Hits("missing.png"));
        Assert.Empty(_host.Discord.Violations);
    }
}
