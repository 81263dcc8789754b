using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsBot.Commands;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Pipeline;

/// <summary>Issue 22: only articles someone receives are summarized, so the LLM never sees an article no channel wants.</summary>
public sealed class SummarizeRecipientsOnlyTests
{
    private sealed class CountingSummarizer : IArticleSummarizer
    {
        public ConcurrentQueue<string?> Titles { get; } = new();

        public Task<string> SummarizeAsync(string? title, string text, CancellationToken ct)
        {
            Titles.Enqueue(title);
            return Task.FromResult("Summary of " + title);
        }
    }

    [Fact]
    public async Task An_article_the_filter_drops_is_stored_but_never_summarized()
    {
        await using var server = await LoopbackFeedServer.StartAsync();
        using var temp = new TempDatabase();
        server.AddItem("mixed", "old", "An old item", "<p>There before.</p>", DateTimeOffset.UtcNow.AddHours(-2));
        var summarizer = new CountingSummarizer();
        var output = new SyncStringWriter();
        var app = TestHost.Build(TestHost.Settings(temp), output, services =>
        {
            services.RemoveAll<IArticleSummarizer>();
            services.AddSingleton<IArticleSummarizer>(summarizer);
        });
        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        var subscribed = await app.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(ChannelRef.DefaultConsole, server.UrlOf("mixed"), "volcano"), default);
        Assert.True(subscribed.Ok, subscribed.Message);
        await app.StartAsync();

        server.AddItem("mixed", "n1", "Football: the derby ends in a draw", "<p>Both sides scored twice in the second half.</p>");
        server.AddItem("mixed", "n2", "Volcano erupts near Grindavik", "<p>Lava reached the barriers north of the town on Saturday.</p>");
        Assert.True(await Eventually.TrueAsync(() => output.Count("Volcano erupts near Grindavik") >= 1, TimeSpan.FromSeconds(30)), output.ToString());
        await app.StopAsync();

        Assert.Equal(["Volcano erupts near Grindavik"], summarizer.Titles);
        Assert.Contains("Summary of Volcano erupts near Grindavik", output.ToString(), StringComparison.Ordinal);
        await using var db = app.Services.GetRequiredService<DbFactory>().Create();
        var football = await db.Articles.SingleAsync(a => a.DedupeKey != null && a.Title.StartsWith("Football"));
        Assert.Null(football.Summary);
        await app.DisposeAsync();
    }
}
