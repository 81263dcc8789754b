using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.DiscordBot;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.Support;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>Forum channels as destinations: one thread per post, and never a second one for the same send.</summary>
public sealed class ForumDeliveryTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DiscordBotHost.StartAsync();
        _host.Discord.AddChannel(Forum, Guild, type: 15);
        _host.Feeds.AddItem("world", "old", "Old story", "<p>Already there.</p>", DateTimeOffset.UtcNow.AddHours(-1));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<WebApplication> StartSubscribedAsync()
    {
        var app = await _host.BuildAsync();
        var result = await app.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(Forum)), _host.Feeds.UrlOf("world")), default);
        Assert.True(result.Ok, result.Message);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Each_post_to_a_forum_starts_one_thread_named_after_the_story()
    {
        var app = await StartSubscribedAsync();
        _host.Feeds.AddItem("world", "a", "Lunar probe lands 探测器着陆", "<p>The probe touched down on the far side of the Moon on Tuesday.</p>");
        _host.Feeds.AddItem("world", "b", "Rivers rise after a week of rain", "<p>Flood warnings were issued for three counties on Wednesday.</p>");

        Assert.True(await Eventually.TrueAsync(() => _host.Discord.ThreadsIn(Forum).Count >= 2, TimeSpan.FromSeconds(30)), _host.Output.ToString());
        var threads = _host.Discord.ThreadsIn(Forum);
        Assert.Equal(["Lunar probe lands 探测器着陆", "Rivers rise after a week of rain"], threads.Select(t => (string)t["name"]!).Order(StringComparer.Ordinal));
        foreach (var thread in threads)
        {
            var starter = Assert.Single(_host.Discord.MessagesIn(ulong.Parse((string)thread["id"]!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal((string)thread["name"]!, (string)starter["embeds"]![0]!["title"]!);
        }
        Assert.Empty(_host.Discord.MessagesIn(Forum));
        Assert.Empty(_host.Discord.RequestsTo("POST", $"/channels/{Forum}/messages"));
        var request = _host.Discord.RequestsTo("POST", $"/channels/{Forum}/threads")[0].Body!;
        Assert.Empty(request["message"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Empty(_host.Discord.Violations);
        Assert.True(await Eventually.TrueAsync(async () => (await _host.QueryAsync(app, db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent))) == 2, TimeSpan.FromSeconds(10)));
        Assert.Single(_host.Discord.RequestsTo("GET", $"/channels/{Forum}"));
    }

    [Fact]
    public async Task A_thread_of_ours_already_there_is_taken_as_sent_and_one_started_by_a_person_is_not()
    {
        // An earlier send whose answer was lost left our thread behind; a member started one with the same name.
        var ours = _host.Discord.StartThread(Forum, "Lunar probe lands", FakeDiscordServer.ApplicationId);
        _host.Discord.StartThread(Forum, "Rivers rise", 400000000000000001);
        var app = await StartSubscribedAsync();
        _host.Feeds.AddItem("world", "a", "Lunar probe lands", "<p>The probe touched down on the far side of the Moon on Tuesday.</p>");
        _host.Feeds.AddItem("world", "b", "Rivers rise", "<p>Flood warnings were issued for three counties on Wednesday.</p>");

        Assert.True(await Eventually.TrueAsync(async () => (await _host.QueryAsync(app, db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent))) == 2, TimeSpan.FromSeconds(30)), _host.Output.ToString());
        var threads = _host.Discord.ThreadsIn(Forum);
        Assert.Single(threads, t => (string)t["name"]! == "Lunar probe lands");
        Assert.Equal(2, threads.Count(t => (string)t["name"]! == "Rivers rise"));
        Assert.Single(_host.Discord.RequestsTo("POST", $"/channels/{Forum}/threads"));
        var sent = await _host.QueryAsync(app, db => db.Outbox.Select(o => o.PlatformMessageId).ToListAsync());
        Assert.Contains(Id(ours), sent);
        Assert.Empty(_host.Discord.Violations);
    }

    [Fact]
    public void Thread_names_fit_discord_on_one_line_without_splitting_a_character()
    {
        Assert.Equal("NewsBot", ForumPosts.ThreadName(" \n "));
        Assert.Equal("Two lines", ForumPosts.ThreadName("Two\nlines"));
        var longName = ForumPosts.ThreadName(string.Concat(Enumerable.Repeat("👍🏽", 80)));
        Assert.True(longName.Length <= 100);
        Assert.EndsWith("👍🏽…", longName, StringComparison.Ordinal);
    }
}
