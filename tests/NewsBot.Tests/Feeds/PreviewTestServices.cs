using Microsoft.Extensions.DependencyInjection;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Summaries;

namespace NewsBot.Tests.Feeds;

/// <summary>What the preview verb needs from the host: a fetcher allowed onto loopback, and a predictable summarizer.</summary>
internal static class PreviewTestServices
{
    public static ServiceProvider Build(NewsBot.Storage.DbFactory? dbs = null)
    {
        var options = new FeedsOptions { AllowPrivateAddresses = true, Timeout = TimeSpan.FromSeconds(10) };
        var services = new ServiceCollection();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new HttpClient(FeedHttpHandler.Create(options)));
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<NewsBot.Feeds.FullText.ArticlePageReader>();
        services.AddSingleton<NewsBot.Polling.FullTextFetch>();
        services.AddLogging();
        services.AddSingleton<IArticleSummarizer, FirstSentenceSummarizer>();
        if (dbs is not null)
        {
            services.AddSingleton(dbs);
        }
        return services.BuildServiceProvider();
    }

    /// <summary>Test-local: the first line of the text, so tests can see the summary is the item's own.</summary>
    private sealed class FirstSentenceSummarizer : IArticleSummarizer
    {
        public Task<string> SummarizeAsync(string? title, string text, CancellationToken ct)
        {
            int nl = text.IndexOf('\n', StringComparison.Ordinal);
            return Task.FromResult(nl < 0 ? text : text[..nl]);
        }
    }
}
