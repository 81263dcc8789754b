namespace NewsBot.Feeds.Fetching;

/// <summary>Conditional GET of one feed URL with size cap, timeout, redirects and the SSRF guard.</summary>
public sealed class FeedFetcher(HttpClient http, FeedsOptions options, TimeProvider time)
{
    public Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
        => throw new NotImplementedException($"contract placeholder: issue 3 fetch helper implements ({http}, {options}, {time}, {request}, {ct})");
}
