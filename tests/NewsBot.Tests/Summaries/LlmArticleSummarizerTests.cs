using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public sealed class LlmArticleSummarizerTests : IAsyncLifetime
{
    private const string Title = "City council approves new bus lanes";

    private const string Article =
        "SPRINGFIELD (AP) — The city council voted 7-2 on Tuesday to build 12 miles of dedicated bus lanes downtown, a plan supporters say will cut commute times by a third.\n" +
        "Construction is expected to start in March and take about 18 months, officials said.\n" +
        "Opponents argued the lanes would worsen traffic for drivers and hurt small businesses along Main Street.\n" +
        "The project will cost $42 million, most of it covered by a federal grant.";

    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LlmArticleSummarizer Summarizer(TimeSpan? timeout = null, int maxChars = 280, int maxInputChars = 6000)
    {
        var options = new SummariesOptions
        {
            MaxChars = maxChars,
            Provider = SummaryProvider.Llm,
            Llm = new LlmOptions
            {
                Endpoint = _server.BaseUrl,
                Model = "test-model",
                ApiKey = "test-key",
                Timeout = timeout ?? TimeSpan.FromSeconds(10),
                MaxInputChars = maxInputChars,
            },
        };
        return new LlmArticleSummarizer(
            ChatClientFactory.Create(options.Llm), options, new ExtractiveSummarizer(), TimeProvider.System,
            NullLogger<LlmArticleSummarizer>.Instance);
    }

    private static string Extractive(int maxChars = 280) => new ExtractiveSummarizer().Summarize(Title, Article, maxChars);

    [Fact]
    public async Task A_good_answer_is_returned_and_the_request_has_the_openai_shape()
    {
        _server.Content = "Springfield's council approved 12 miles of downtown bus lanes on Tuesday, a $42 million project due to start in March.";

        var summary = await Summarizer().SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal(_server.Content, summary);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("test-model", request["model"]!.GetValue<string>());
        var messages = request["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Contains("English", messages[0]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("280 characters", messages[0]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("bus lanes downtown", messages[1]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(AP) —", messages[1]!["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_times_out_is_retried_once_then_falls_back()
    {
        _server.Delay = TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();

        var summary = await Summarizer(timeout: TimeSpan.FromMilliseconds(300)).SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal(Extractive(), summary);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_error_is_retried_once_then_falls_back()
    {
        _server.StatusCode = 500;

        var summary = await Summarizer().SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal(Extractive(), summary);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData("<p>The council approved bus lanes.</p>")]
    [InlineData("The council approved bus lanes &amp; more.")]
    [InlineData("I'm sorry, but I can't help with that request.")]
    [InlineData("As an AI language model, I cannot summarize this article.")]
    [InlineData("市议会周二以7比2的投票结果批准在市中心修建12英里公交专用道。")]
    public async Task A_garbage_answer_falls_back_without_retrying(string answer)
    {
        _server.Content = answer;

        var summary = await Summarizer().SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal(Extractive(), summary);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_over_long_answer_is_trimmed_to_the_whole_sentences_that_fit()
    {
        _server.Content =
            "The Springfield city council approved 12 miles of downtown bus lanes on Tuesday. " +
            "Work starts in March and should take 18 months. " +
            "Opponents fear worse traffic for drivers and harm to small businesses along Main Street, while supporters expect commute times to fall by a third once the lanes open.";

        var summary = await Summarizer(maxChars: 140).SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal("The Springfield city council approved 12 miles of downtown bus lanes on Tuesday. Work starts in March and should take 18 months.", summary);
    }

    [Fact]
    public async Task An_over_long_answer_whose_first_sentence_does_not_fit_falls_back()
    {
        _server.Content = "The Springfield city council voted seven to two on Tuesday to approve twelve miles of dedicated downtown bus lanes paid for largely by a federal grant.";

        var summary = await Summarizer(maxChars: 80).SummarizeAsync(Title, Article, CancellationToken.None);

        Assert.Equal(Extractive(80), summary);
        Assert.InRange(TextLength.Count(summary), 1, 80);
    }

    [Fact]
    public async Task The_article_sent_to_the_model_is_capped()
    {
        _server.Content = "The council approved downtown bus lanes on Tuesday.";

        await Summarizer(maxInputChars: 240).SummarizeAsync(Title, Article, CancellationToken.None);

        var user = Assert.Single(_server.Requests)["messages"]!.AsArray()[1]!["content"]!.ToString();
        var article = user[(user.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.InRange(article.Length, 200, 240);
        Assert.EndsWith("said.", article, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chinese_article_asks_for_chinese_and_rejects_an_english_answer()
    {
        const string chinese = "市议会星期二以7比2的投票结果批准在市中心修建12英里公交专用道。支持者说，这将使通勤时间缩短三分之一。工程预计明年3月开工。";
        _server.Content = "The council approved bus lanes.";

        var summary = await Summarizer().SummarizeAsync("市议会批准公交专用道", chinese, CancellationToken.None);

        Assert.Equal(new ExtractiveSummarizer().Summarize("市议会批准公交专用道", chinese, 280), summary);
        Assert.Contains("Chinese", Assert.Single(_server.Requests)["messages"]!.AsArray()[0]!["content"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_swallowed()
    {
        _server.Delay = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Summarizer().SummarizeAsync(Title, Article, cts.Token));
    }

    [Theory]
    [InlineData(null, "test-model", "Summaries:Llm:Endpoint")]
    [InlineData("ftp://example.com/v1", "test-model", "Summaries:Llm:Endpoint")]
    [InlineData("http://127.0.0.1:1/v1", "", "Summaries:Llm:Model")]
    public void The_factory_names_the_bad_setting(string? endpoint, string model, string key)
    {
        var options = new LlmOptions { Endpoint = endpoint is null ? null : new Uri(endpoint), Model = model };

        var error = Assert.Throws<InvalidOperationException>(() => ChatClientFactory.Create(options));

        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_builds_an_ollama_client()
    {
        var options = new LlmOptions { Api = LlmApi.Ollama, Endpoint = new Uri("http://127.0.0.1:11434"), Model = "qwen2.5" };

        using var client = ChatClientFactory.Create(options);

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal("ollama", metadata?.ProviderName, ignoreCase: true);
        Assert.Equal("qwen2.5", metadata?.DefaultModelId);
    }
    [Fact]
    public async Task A_summary_in_the_channels_language_is_a_translated_headline_and_a_summary()
    {
        _server.Content = "Springfield approves downtown bus lanes\nThe council voted 7-2 for 12 miles of bus lanes, a $42 million project.";

        var translated = await Summarizer().SummarizeInAsync("斯普林菲尔德批准市中心公交专用道", Article, "en", CancellationToken.None);

        Assert.Equal(("Springfield approves downtown bus lanes", "The council voted 7-2 for 12 miles of bus lanes, a $42 million project."), translated);
        var system = Assert.Single(_server.Requests)["messages"]![0]!["content"]!.ToString();
        Assert.Contains("readers read English", system, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Only one line")]
    [InlineData("斯普林菲尔德批准\n市议会以7比2通过。")]
    [InlineData("")]
    public async Task An_answer_that_is_not_two_lines_in_the_language_gives_none(string answer)
    {
        _server.Content = answer;

        Assert.Null(await Summarizer().SummarizeInAsync("Title", Article, "en", CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_model_gives_no_translation()
    {
        _server.StatusCode = 500;

        Assert.Null(await Summarizer(timeout: TimeSpan.FromSeconds(2)).SummarizeInAsync("Title", Article, "zh-Hant", CancellationToken.None));
    }
}
