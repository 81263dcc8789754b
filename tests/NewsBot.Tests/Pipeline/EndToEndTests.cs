using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Hosting;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Pipeline;

/// <summary>The whole path, through the real host: loopback feed → poll → store once → summarize → console post.</summary>
public sealed class EndToEndTests
{
    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_new_item_is_posted_once_and_a_restart_posts_nothing_twice(string provider)
    {
        await using var server = await LoopbackFeedServer.StartAsync();
        await using var db = await PostgresOrSqlite.CreateAsync(provider);
        server.AddItem("world", "old-1", "An old story already in the feed", "<p>This item was there before anyone subscribed. It must never be posted.</p>", DateTimeOffset.UtcNow.AddHours(-2));
        var settings = db.HostSettings();

        var firstOut = new SyncStringWriter();
        var first = TestHost.Build(settings, firstOut);
        await first.Services.GetRequiredService<NewsBot.Storage.DbFactory>().MigrateAsync(default);
        var subscribed = await first.Services.GetRequiredService<SubscriptionService>()
            .SubscribeAsync(new SubscribeRequest(ChannelRef.DefaultConsole, server.UrlOf("world")), default);
        Assert.True(subscribed.Ok, subscribed.Message);
        Assert.Equal("Feed world", subscribed.FeedTitle);
        Assert.Equal(1, subscribed.ItemCount);

        await first.StartAsync();
        server.AddItem("world", "new-1", "Lunar probe lands safely 探测器安全着陆",
            "<p>The probe touched down on the far side of the Moon on Tuesday, the agency said. Engineers confirmed all instruments were working. The mission will return samples next month.</p>");
        Assert.True(await Eventually.TrueAsync(() => firstOut.Count("Lunar probe lands safely 探测器安全着陆") >= 1, TimeSpan.FromSeconds(30)), firstOut.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3)); // several more ticks: nothing may be posted again
        var stopwatch = Stopwatch.StartNew();
        await first.StopAsync();
        stopwatch.Stop();
        await first.DisposeAsync();

        var posts = firstOut.ToString();
        Assert.Equal(1, firstOut.Count("Lunar probe lands safely 探测器安全着陆"));
        Assert.Contains("The probe touched down on the far side of the Moon on Tuesday, the agency said.", posts, StringComparison.Ordinal);
        Assert.Contains(server.UrlOf("world").Replace(".xml", "", StringComparison.Ordinal) + "/new-1", posts, StringComparison.Ordinal);
        Assert.Contains("Feed world", posts, StringComparison.Ordinal);
        Assert.DoesNotContain("An old story", posts, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");

        var secondOut = new SyncStringWriter();
        var second = TestHost.Build(settings, secondOut);
        await second.StartAsync();
        server.AddItem("world", "new-2", "Second story after the restart", "<p>Only this one is new. The first story was delivered already.</p>");
        Assert.True(await Eventually.TrueAsync(() => secondOut.Count("Second story after the restart") >= 1, TimeSpan.FromSeconds(30)), secondOut.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await second.StopAsync();
        await second.DisposeAsync();

        Assert.Equal(1, secondOut.Count("Second story after the restart"));
        Assert.Equal(0, secondOut.Count("Lunar probe lands safely"));
        Assert.Equal(0, secondOut.Count("An old story"));
    }

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Feeds_verbs_add_list_and_remove_through_the_cli(string provider)
    {
        await using var server = await LoopbackFeedServer.StartAsync();
        await using var db = await PostgresOrSqlite.CreateAsync(provider);
        server.AddItem("tech", "t-1", "A story", "<p>Body.</p>");
        var settings = db.HostSettings();

        async Task<(int Code, string Out, string Err)> Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await NewsBotApp.RunAsync(args, new HostOverrides { Settings = settings, Stdout = stdout, Stderr = stderr });
            return (code, stdout.ToString(), stderr.ToString());
        }

        var added = await Run("feeds", "add", server.UrlOf("tech"), "--interval", "5m");
        Assert.True(added.Code == 0, added.Err);
        Assert.Contains("Feed tech", added.Out, StringComparison.Ordinal);
        Assert.Contains("console:main", added.Out, StringComparison.Ordinal);

        var toTelegram = await Run("feeds", "add", server.UrlOf("tech"), "--channel", "telegram:-100123", "--full-text", "always");
        Assert.True(toTelegram.Code == 0, toTelegram.Err);
        var badMode = await Run("feeds", "add", server.UrlOf("tech"), "--full-text", "sometimes");
        Assert.Equal(2, badMode.Code);
        Assert.Contains("not a full-text mode", badMode.Err, StringComparison.Ordinal);

        var list = await Run("feeds", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains(server.UrlOf("tech"), list.Out, StringComparison.Ordinal);
        Assert.Contains("every 00:05:00", list.Out, StringComparison.Ordinal);
        Assert.Contains("telegram:-100123", list.Out, StringComparison.Ordinal);
        Assert.Contains("full text always", list.Out, StringComparison.Ordinal);

        var bad = await Run("feeds", "add", "ftp://example.com/feed");
        Assert.Equal(1, bad.Code);
        Assert.Contains("only http and https", bad.Err, StringComparison.Ordinal);

        var badChannel = await Run("feeds", "add", server.UrlOf("tech"), "--channel", "irc:#news");
        Assert.Equal(2, badChannel.Code);
        Assert.Contains("unknown platform", badChannel.Err, StringComparison.Ordinal);

        var missing = await Run("feeds", "add", server.UrlOf("nothing-here"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("could not fetch", missing.Err, StringComparison.Ordinal);

        var removed = await Run("feeds", "remove", server.UrlOf("tech"));
        Assert.True(removed.Code == 0, removed.Err);
        var empty = await Run("feeds", "list");
        Assert.Contains("no feeds yet", empty.Out, StringComparison.Ordinal);
    }
}
