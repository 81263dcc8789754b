using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NewsBot.Tests.Support;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>Slash commands from a gateway INTERACTION_CREATE to the callback, and guild events, through the real host.</summary>
public sealed class GatewayCommandTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DiscordBotHost.StartAsync();
        _host.Feeds.AddItem("world", "w1", "A story", "<p>Body.</p>");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonArray Options(params (string Name, string Value)[] options) =>
        new([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]);

    private async Task<JsonObject> CallbackAsync(ulong interactionId)
    {
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("POST", $"/interactions/{interactionId}/[^/]+/callback").Count > 0, TimeSpan.FromSeconds(10)));
        var callback = _host.Discord.RequestsTo("POST", $"/interactions/{interactionId}/[^/]+/callback").Single();
        Assert.Equal(204, callback.Status);
        return callback.Body!.AsObject();
    }

    [Fact]
    public async Task Subscribe_from_the_gateway_is_answered_with_the_feed_title_and_refused_without_manage_guild()
    {
        var app = await _host.BuildAsync();
        await app.StartAsync();
        var session = await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20));

        var (refusedId, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "subscribe", Options(("url", _host.Feeds.UrlOf("world"))), permissions: "2048");
        var refused = await CallbackAsync(refusedId);
        Assert.Equal(4, (int)refused["type"]!);
        Assert.Equal(64, (int)refused["data"]!["flags"]!);

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "subscribe", Options(("url", _host.Feeds.UrlOf("world"))), permissions: "32");
        var answer = await _host.ReplyMessageAsync(await CallbackAsync(id), token);
        Assert.Contains("Subscribed to Feed world", (string)answer["content"]!, StringComparison.Ordinal);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task A_slow_command_is_deferred_and_its_reply_edited_in()
    {
        var app = await _host.BuildAsync(("Discord:DeferAfter", "00:00:00"));
        await app.StartAsync();
        var session = await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20));

        var (id, token) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, ChannelA, "subscribe", Options(("url", _host.Feeds.UrlOf("world"))), locale: "zh-CN");
        var first = await CallbackAsync(id);
        Assert.Equal(5, (int)first["type"]!);
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("PATCH", $"/webhooks/\\d+/{token}/messages/@original").Count > 0, TimeSpan.FromSeconds(10)));
        var edit = _host.Discord.RequestsTo("PATCH", $"/webhooks/\\d+/{token}/messages/@original").Single();
        Assert.Equal(200, edit.Status);
        Assert.Contains("已订阅 Feed world", (string)edit.Body!["content"]!, StringComparison.Ordinal);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public async Task Removing_the_bot_from_a_guild_or_deleting_a_channel_pauses_it()
    {
        var app = await _host.BuildAsync();
        await app.StartAsync();
        var session = await _host.Discord.WaitForSessionAsync(1, TimeSpan.FromSeconds(20));
        foreach (var channel in new[] { ChannelA, ChannelB })
        {
            var (id, _) = await _host.Discord.SendSlashCommandAsync(session.SessionId!, Guild, channel, "subscribe", Options(("url", _host.Feeds.UrlOf("world"))));
            await CallbackAsync(id);
        }

        await _host.Discord.SendDispatchAsync(session.SessionId!, "CHANNEL_DELETE", new JsonObject { ["id"] = Id(ChannelB), ["type"] = 0, ["guild_id"] = Id(Guild) });
        Assert.True(await Eventually.TrueAsync(() => Paused(app, ChannelB), TimeSpan.FromSeconds(10)));
        Assert.False(Paused(app, ChannelA));

        await _host.Discord.SendDispatchAsync(session.SessionId!, "GUILD_DELETE", new JsonObject { ["id"] = Id(Guild), ["unavailable"] = true });
        await Task.Delay(500);
        Assert.False(Paused(app, ChannelA));
        await _host.Discord.SendDispatchAsync(session.SessionId!, "GUILD_DELETE", new JsonObject { ["id"] = Id(Guild) });
        Assert.True(await Eventually.TrueAsync(() => Paused(app, ChannelA), TimeSpan.FromSeconds(10)));
    }

    private bool Paused(Microsoft.AspNetCore.Builder.WebApplication app, ulong channel) =>
        _host.QueryAsync(app, db => db.Channels.SingleAsync(c => c.ExternalId == Id(channel))).Result.PausedAt is not null;
}
