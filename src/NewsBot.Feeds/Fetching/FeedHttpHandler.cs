namespace NewsBot.Feeds.Fetching;

public static class FeedHttpHandler
{
    /// <summary>The primary handler for the "feeds" HttpClient: decompression, no auto-redirect, SSRF-guarded connect.</summary>
    public static SocketsHttpHandler Create(FeedsOptions options)
        => throw new NotImplementedException($"contract placeholder: issue 3 fetch helper implements ({options})");
}
