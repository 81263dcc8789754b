using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.DiscordBot;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>Posts through the real host to the fake Discord: embeds, mentions, nonces, rate limits, lost channels.</summary>
public sealed class DiscordDeliveryTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SubscribeAsync(Microsoft.AspNetCore.Builder.WebApplication app, string feed, params ulong[] channels)
    {
        foreach (var channel in channels)
        {
            var result = await app.Services.GetRequiredService<SubscriptionService>()
                .SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(channel)), _host.Feeds.UrlOf(feed)), default);
            Assert.True(result.Ok, result.Message);
        }
    }

    [Fact]
    public async Task Commands_are_registered_in_the_guild_with_one_overwrite_admin_defaults_and_chinese_names()
    {
        var app = await _host.BuildAsync();
        await app.StartAsync();

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.CommandsOf(Guild) is not null, TimeSpan.FromSeconds(20)));
        var commands = _host.Discord.CommandsOf(Guild)!.OfType<JsonObject>().ToDictionary(c => (string)c["name"]!);
        Assert.Equal(
            ["digest", "help", "list", "news", "opml", "preview", "set", "status", "subscribe", "topic", "unsubscribe"],
            commands.Keys.Order(StringComparer.Ordinal));
        Assert.Single(_host.Discord.RequestsTo("PUT", @"/applications/\d+/guilds/\d+/commands"));
        Assert.Empty(_host.Discord.RequestsTo("PUT", @"/applications/\d+/commands"));
        foreach (var name in new[] { "subscribe", "unsubscribe", "topic", "digest", "opml", "set" })
        {
            Assert.Equal("32", commands[name]["default_member_permissions"]!.ToJsonString().Trim('"'));
        }
        Assert.Null(commands["list"]["default_member_permissions"]);
        Assert.Equal("订阅", (string)commands["subscribe"]["name_localizations"]!["zh-CN"]!);
        Assert.NotNull(commands["subscribe"]["description_localizations"]!["en-US"]);
        Assert.True((bool)commands["unsubscribe"]["options"]![0]!["autocomplete"]!);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task A_post_arrives_as_a_valid_embed_that_pings_nobody_and_carries_the_outbox_nonce()
    {
        _host.Feeds.AddItem("world", "old", "Old story", "<p>Already there.</p>", DateTimeOffset.UtcNow.AddHours(-1));
        var app = await _host.BuildAsync();
        await SubscribeAsync(app, "world", ChannelA);
        await app.StartAsync();
        var title = "@everyone Lunar probe lands & \"safely\" 探测器着陆";
        _host.Feeds.AddItem("world", "new", title, "<p>The probe touched down on the far side of the Moon on Tuesday, the agency said. All instruments work.</p>");

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelA).Count >= 1, TimeSpan.FromSeconds(30)), _host.Output.ToString());
        var request = _host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages").Single();
        var body = request.Body!.AsObject();
        var embed = body["embeds"]![0]!;
        Assert.Equal(title, (string)embed["title"]!);
        Assert.StartsWith(_host.Feeds.BaseUrl + "/world/new", (string)embed["url"]!, StringComparison.Ordinal);
        Assert.Contains("far side of the Moon", (string)embed["description"]!, StringComparison.Ordinal);
        Assert.Equal("Feed world", (string)embed["author"]!["name"]!);
        Assert.NotNull(embed["timestamp"]);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var nonce = (string)body["nonce"]!;
        Assert.InRange(nonce.Length, 1, 25);
        Assert.True((bool)body["enforce_nonce"]!);
        Assert.Empty(_host.Discord.Violations);
        Assert.DoesNotContain(_host.Discord.MessagesIn(ChannelA), m => ((string?)m["embeds"]?[0]?["title"])?.StartsWith("Old", StringComparison.Ordinal) == true);

        var sent = await _host.QueryAsync(app, db => db.Outbox.Include(o => o.Channel).SingleAsync(o => o.Channel!.ExternalId == Id(ChannelA)));
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal(nonce, sent.Nonce);
        Assert.Equal((string)_host.Discord.MessagesIn(ChannelA)[0]["id"]!, sent.PlatformMessageId);
    }

    [Fact]
    public async Task A_burst_of_429s_across_buckets_delivers_every_post_exactly_once_in_order()
    {
        _host.Feeds.AddItem("burst", "seed", "Seed", "<p>Seed.</p>", DateTimeOffset.UtcNow.AddHours(-1));
        var app = await _host.BuildAsync();
        await SubscribeAsync(app, "burst", ChannelA, ChannelB);
        _host.Discord.SetRouteLimit("POST /channels/{channel_id}/messages", 2, TimeSpan.FromSeconds(1));
        _host.Discord.RateLimitNext("POST", @"/channels/\d+/messages", 3, 0.4);
        await app.StartAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        for (var i = 1; i <= 5; i++)
        {
            _host.Feeds.AddItem("burst", $"b{i}", $"Burst story {i}", $"<p>Story number {i} of the burst. It has a body.</p>", start.AddMinutes(i));
        }

        Assert.True(await Eventually.TrueAsync(
            () => _host.Discord.MessagesIn(ChannelA).Count >= 5 && _host.Discord.MessagesIn(ChannelB).Count >= 5, TimeSpan.FromSeconds(60)), _host.Output.ToString());
        await Task.Delay(1500);
        foreach (var channel in new[] { ChannelA, ChannelB })
        {
            var posted = _host.Discord.MessagesIn(channel).Select(m => (string)m["embeds"]![0]!["title"]!).ToList();
            var expected = await _host.QueryAsync(app, db => db.Outbox.Where(o => o.Channel!.ExternalId == Id(channel)).OrderBy(o => o.Id).Select(o => o.Article!.Title).ToListAsync());
            Assert.Equal(5, posted.Distinct().Count());
            Assert.Equal(expected, posted);
        }
        Assert.Contains(_host.Discord.Requests, r => r.Status == 429);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task Missing_access_pauses_the_channel_and_tells_the_guild_once()
    {
        _host.Feeds.AddItem("denied", "seed", "Seed", "<p>Seed.</p>", DateTimeOffset.UtcNow.AddHours(-1));
        var app = await _host.BuildAsync();
        await SubscribeAsync(app, "denied", ChannelA, ChannelB);
        await app.Services.GetRequiredService<DiscordChannels>().RememberGuildAsync(Id(ChannelA), Id(Guild), default);
        await app.Services.GetRequiredService<DiscordEvents>().HandleAsync("GUILD_CREATE",
            JsonSerializer.SerializeToElement(new { id = Id(Guild), system_channel_id = Id(SystemChannel), name = "News" }), default);
        _host.Discord.DenyChannel(ChannelA, 403, 50001, "Missing Access");
        await app.StartAsync();
        _host.Feeds.AddItem("denied", "d1", "First denied story", "<p>Body one.</p>");

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelB).Count >= 1, TimeSpan.FromSeconds(30)), _host.Output.ToString());
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(SystemChannel).Count >= 1, TimeSpan.FromSeconds(10)));
        Assert.True(await Eventually.TrueAsync(
            () => _host.QueryAsync(app, db => db.Channels.SingleAsync(c => c.ExternalId == Id(ChannelA))).Result.PausedAt is not null, TimeSpan.FromSeconds(10)));
        var channelA = await _host.QueryAsync(app, db => db.Channels.SingleAsync(c => c.ExternalId == Id(ChannelA)));
        Assert.Contains("50001", channelA.PausedReason, StringComparison.Ordinal);

        _host.Feeds.AddItem("denied", "d2", "Second denied story", "<p>Body two.</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelB).Count >= 2, TimeSpan.FromSeconds(30)));
        await Task.Delay(1000);
        // One refusal (the first look at the channel) and nothing more spent on it.
        Assert.Single(_host.Discord.Requests, r => r.Path.StartsWith($"/channels/{ChannelA}", StringComparison.Ordinal));
        var notice = Assert.Single(_host.Discord.MessagesIn(SystemChannel));
        Assert.Contains($"<#{ChannelA}>", (string)notice["content"]!, StringComparison.Ordinal);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task A_post_discord_accepted_before_a_crash_is_not_doubled_after_the_restart()
    {
        var app = await _host.BuildAsync();
        var dbs = app.Services.GetRequiredService<DbFactory>();
        var (feed, channel) = await Seed.FeedAndChannelAsync(dbs, Platforms.Discord, Id(ChannelA));
        await using (var db = dbs.Create())
        {
            // The seeded feed's URL is not loopback: keep the poller away from it.
            await db.Feeds.Where(f => f.Id == feed.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.NextCheckAt, DateTime.UtcNow.AddDays(1)));
        }
        var entryId = (await Seed.OutboxAsync(dbs, feed.Id, channel.Id, 1)).Single();
        var entry = await _host.QueryAsync(app, db => db.Outbox.Include(o => o.Article).ThenInclude(a => a!.Feed).SingleAsync(o => o.Id == entryId));

        // The instance before the crash: Discord accepted its post, the process died before marking the row sent.
        var crashed = app.Services.GetServices<NewsBot.Delivery.IChannelSender>().OfType<DiscordSender>().Single();
        var first = await crashed.SendAsync(channel, NewsBot.Delivery.PostFactory.From(entry.Article!), entry.Nonce, default);
        Assert.Equal(NewsBot.Delivery.SendStatus.Sent, first.Status);

        var restarted = await _host.BuildAsync();
        await restarted.StartAsync();
        Assert.True(await Eventually.TrueAsync(() => _host.QueryAsync(restarted, db => db.Outbox.SingleAsync(o => o.Id == entryId)).Result.State == OutboxState.Sent, TimeSpan.FromSeconds(30)));

        var sends = _host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages");
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal(entry.Nonce, (string)s.Body!["nonce"]!));
        var message = Assert.Single(_host.Discord.MessagesIn(ChannelA));
        var row = await _host.QueryAsync(restarted, db => db.Outbox.SingleAsync(o => o.Id == entryId));
        Assert.Equal(first.MessageId, row.PlatformMessageId);
        Assert.Equal((string)message["id"]!, row.PlatformMessageId);
    }
}
