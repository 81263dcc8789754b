using Microsoft.Extensions.DependencyInjection;
using NewsBot.Commands;
using NewsBot.Storage;
using NewsBot.Tests.Summaries;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.FullText;

/// <summary>A channel's summary language through the real host, with the LLM on a loopback OpenAI-compatible server.</summary>
public sealed class SummaryLanguageHostTests
{
    private const string Title = "国产大飞机C919开通第五条商业航线";
    private const string EnglishTitle = "China's C919 airliner opens its fifth commercial route";
    private const string EnglishSummary = "China Eastern began flying the C919 between Shanghai Hongqiao and Chengdu Tianfu on Wednesday, its fifth route for the jet.";

    [Fact]
    public async Task An_english_channel_gets_the_title_and_summary_in_english_once_per_language_and_others_the_original()
    {
        await using var llm = await FakeOpenAIServer.StartAsync();
        llm.Content = EnglishTitle + "\n" + EnglishSummary;
        await using var feeds = await LoopbackFeedServer.StartAsync();
        using var db = new TempDatabase();
        feeds.AddItem("cn", "old", "旧闻", "<p>订阅之前的旧闻。</p>");
        var settings = TestHost.Settings(db,
            ("Summaries:Provider", "Llm"), ("Summaries:Llm:Endpoint", llm.BaseUrl.AbsoluteUri), ("Summaries:Llm:Model", "test-model"), ("Summaries:Llm:ApiKey", "k"),
            ("Feeds:FullTextMinChars", "0"));
        var output = new SyncStringWriter();
        var app = TestHost.Build(settings, output);
        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(default);
        var subscriptions = app.Services.GetRequiredService<SubscriptionService>();
        foreach (var room in new[] { "english-1", "english-2", "chinese" })
        {
            var channel = new ChannelRef(Platforms.Console, room);
            Assert.True((await subscriptions.SubscribeAsync(new SubscribeRequest(channel, feeds.UrlOf("cn")), default)).Ok);
            if (room.StartsWith("english", StringComparison.Ordinal))
            {
                await subscriptions.SetLanguageAsync(channel, "en", default);
            }
        }
        await app.StartAsync();

        feeds.AddItem("cn", "c919", Title,
            "<p>中新网上海11月8日电 国产大型客机C919于8日起正式执飞上海虹桥至成都天府的定期航线，这是该机型投入商业运营以来开通的第五条航线。</p><p>东方航空表示，公司目前已接收8架C919。</p>");
        Assert.True(await Eventually.TrueAsync(() => output.Count(EnglishTitle) >= 2 && output.Count(Title) >= 1, TimeSpan.FromSeconds(30)), output.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Equal(2, output.Count(EnglishTitle));
        Assert.Equal(2, output.Count(EnglishSummary));
        Assert.Equal(1, output.Count(Title));
        // One call for the article's own summary (its English answer is refused for a Chinese article), one for English.
        var asked = llm.Requests.Select(r => r["messages"]![0]!["content"]!.ToString()).ToList();
        Assert.Equal(1, asked.Count(m => m.Contains("readers read English", StringComparison.Ordinal)));
        Assert.Contains(llm.Requests, r => r["messages"]![1]!["content"]!.ToString().Contains(Title, StringComparison.Ordinal));
    }
}
