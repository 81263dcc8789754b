using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Tests.Fetching;

/// <summary>A FeedFetcher wired the way the host wires it: the feeds handler under a plain HttpClient.</summary>
internal static class Fetchers
{
    public static FeedsOptions Options(bool allowPrivate = true) => new()
    {
        AllowPrivateAddresses = allowPrivate,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static FeedFetcher Create(FeedsOptions options, TimeProvider? time = null)
        => new(new HttpClient(FeedHttpHandler.Create(options)), options, time ?? TimeProvider.System);

    public static Task<FetchResult> FetchAsync(this FeedFetcher fetcher, Uri url, string? etag = null, string? lastModified = null)
        => fetcher.FetchAsync(new FetchRequest(url, etag, lastModified), CancellationToken.None);
}
