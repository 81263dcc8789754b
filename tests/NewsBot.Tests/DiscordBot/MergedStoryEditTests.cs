using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Storage;
using NewsBot.Tests.Support;
using NewsBot.Web;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.DiscordBot;

/// <summary>
/// Issue 16 on Discord: one wire story from two feeds is one post; the second feed's copy, arriving after the post went
/// out, is added to the post's footer by editing that message through the real client and the fake's PATCH route.
/// </summary>
public sealed class MergedStoryEditTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal const string Headline = "Volcano erupts near Grindavik as lava reaches the town's defences";

    internal const string Lead = "A volcanic fissure opened north of Grindavik on Saturday evening, the Icelandic Meteorological Office said, " +
        "and lava flowed toward the barriers built to protect the fishing town of 3,800 people, which was evacuated in November.";

    /// <summary>Two feeds, each with an old item (never posted), and a channel following both.</summary>
    private async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync()
    {
        _host.Feeds.AddItem("wire-a", "a-old", "An older item of feed A", "<p>Already there before anyone subscribed.</p>", DateTimeOffset.UtcNow.AddHours(-3));
        _host.Feeds.AddItem("wire-b", "b-old", "An older item of feed B", "<p>Also there before.</p>", DateTimeOffset.UtcNow.AddHours(-3));
        var app = await _host.BuildAsync();
        var subscriptions = app.Services.GetRequiredService<SubscriptionService>();
        foreach (var feed in new[] { "wire-a", "wire-b" })
        {
            var result = await subscriptions.SubscribeAsync(new SubscribeRequest(new ChannelRef(Platforms.Discord, Id(ChannelA)), _host.Feeds.UrlOf(feed)), default);
            Assert.True(result.Ok, result.Message);
        }
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task The_second_feeds_copy_is_added_to_the_sent_post_by_an_edit_and_never_posted()
    {
        var app = await StartAsync();
        _host.Feeds.AddItem("wire-a", "a-1", Headline, $"<p>{Lead}</p><p>Read more at Wire A. Subscribe to our morning briefing.</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelA).Count >= 1, Patience), _host.Output.ToString());
        var posted = Assert.Single(_host.Discord.MessagesIn(ChannelA));
        Assert.Null(posted["embeds"]![0]!["footer"]);

        _host.Feeds.AddItem("wire-b", "b-1", Headline, $"<p>(Wire B) — {Lead}</p><p>© Wire B Agency. All rights reserved.</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.RequestsTo("PATCH", $"/channels/{ChannelA}/messages/\\d+").Count >= 1, Patience), _host.Output.ToString());
        await Task.Delay(1500);

        var message = Assert.Single(_host.Discord.MessagesIn(ChannelA));
        Assert.Equal((string)posted["id"]!, (string)message["id"]!);
        Assert.Equal("Also in: Feed wire-b", (string)message["embeds"]![0]!["footer"]!["text"]!);
        Assert.Equal("Feed wire-a", (string)message["embeds"]![0]!["author"]!["name"]!);
        Assert.NotNull(message["edited_timestamp"]);
        var edit = Assert.Single(_host.Discord.RequestsTo("PATCH", $"/channels/{ChannelA}/messages/{(string)posted["id"]!}"));
        Assert.Equal(200, edit.Status);
        Assert.Empty(edit.Body!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Single(_host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages"));
        Assert.Empty(_host.Discord.Violations);

        var rows = await _host.QueryAsync(app, db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync());
        Assert.Equal([OutboxState.Sent, OutboxState.Merged], rows.Select(r => r.State));
        Assert.NotNull(rows[1].SentAt);
        Assert.Null(rows[1].LastError);

        // The why is visible to the channel's people and to the operator.
        var status = await app.Services.GetRequiredService<CommandHandler>()
            .HandleAsync(new CommandContext(new ChannelRef(Platforms.Discord, Id(ChannelA)), "1", IsAdmin: true, "en"), "status", "", default);
        Assert.Contains("merged into one post in the last day: 1", status.Text, StringComparison.Ordinal);
        Assert.Contains($"Feed wire-b → \"{Headline}\" (Feed wire-a), listed as a source", status.Text, StringComparison.Ordinal);
        var page = StatusPage.Render(await StatusSnapshot.ReadAsync(app.Services.GetRequiredService<DbFactory>(), TimeProvider.System, default), "test");
        Assert.Contains("<th>Merged in the last day</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"merges\"><span class=\"num\">1</span><ul><li>Feed wire-b → “Volcano erupts near Grindavik as lava reaches the town&#39;s defences”", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_post_is_not_edited_nor_posted_again_and_the_merge_says_why()
    {
        var app = await StartAsync();
        _host.Feeds.AddItem("wire-a", "a-1", Headline, $"<p>{Lead}</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelA).Count >= 1, Patience), _host.Output.ToString());
        _host.Discord.DeleteMessage(ChannelA, (string)_host.Discord.MessagesIn(ChannelA)[0]["id"]!);

        _host.Feeds.AddItem("wire-b", "b-1", Headline, $"<p>{Lead}</p><p>Wire B.</p>");
        Assert.True(await Eventually.TrueAsync(async () =>
            await _host.QueryAsync(app, db => db.Outbox.AnyAsync(o => o.State == OutboxState.Merged && o.SentAt != null)), Patience), _host.Output.ToString());

        var edit = Assert.Single(_host.Discord.RequestsTo("PATCH", $"/channels/{ChannelA}/messages/\\d+"));
        Assert.Equal(404, edit.Status);
        Assert.Empty(_host.Discord.MessagesIn(ChannelA));
        Assert.Single(_host.Discord.RequestsTo("POST", $"/channels/{ChannelA}/messages"));
        var merged = await _host.QueryAsync(app, db => db.Outbox.AsNoTracking().SingleAsync(o => o.State == OutboxState.Merged));
        Assert.StartsWith(MergedSourceEdits.NotAdded + "the post was deleted", merged.LastError, StringComparison.Ordinal);
        var status = await app.Services.GetRequiredService<CommandHandler>()
            .HandleAsync(new CommandContext(new ChannelRef(Platforms.Discord, Id(ChannelA)), "1", IsAdmin: true, "zh"), "status", "", default);
        Assert.Contains("过去一天内因与其他来源为同一新闻而合并：1 条", status.Text, StringComparison.Ordinal);
        Assert.Contains("未能添加来源：the post was deleted", status.Text, StringComparison.Ordinal);
        // A deleted message is not a lost channel: the next story is posted as usual.
        _host.Feeds.AddItem("wire-a", "a-2", "Parliament passes the fisheries bill after a night session", "<p>The bill passed 34 to 29 after eleven hours of debate.</p>");
        Assert.True(await Eventually.TrueAsync(() => _host.Discord.MessagesIn(ChannelA).Count >= 1, Patience), _host.Output.ToString());
    }
}
