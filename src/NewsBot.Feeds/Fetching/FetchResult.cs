namespace NewsBot.Feeds.Fetching;

public sealed record FetchRequest(Uri Url, string? ETag = null, string? LastModified = null)
{
    /// <summary>Null for a feed check (Feeds:Timeout, Feeds:MaxBytes, a feed's Accept); set for an article page.</summary>
    public FetchLimits? Limits { get; init; }

    /// <summary>The page the fetched file belongs to: sites that refuse hotlinked images accept their own pages' requests.</summary>
    public Uri? Referer { get; init; }
}

/// <summary>One fetch's deadline, size cap and Accept header, each named by its setting in the messages.</summary>
/// <param name="What">What is fetched, as the messages name it ("feed", "page").</param>
public sealed record FetchLimits(TimeSpan Timeout, string TimeoutKey, long MaxBytes, string MaxBytesKey, string Accept, string What = "page");

public enum FetchStatus
{
    Ok,
    NotModified,
    Failed,
}

/// <summary>What one conditional GET produced, with the server's scheduling hints kept as data.</summary>
public sealed class FetchResult
{
    public required FetchStatus Status { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    /// <summary>The URL the body came from, after redirects.</summary>
    public required Uri FinalUrl { get; init; }
    /// <summary>The server's Content-Location, absolute (the document's own address when it differs from the URL asked).</summary>
    public Uri? ContentLocation { get; init; }
    /// <summary>What relative links in the document resolve against when it has no xml:base: Content-Location, else the final URL.</summary>
    public Uri DocumentBase => ContentLocation ?? FinalUrl;
    /// <summary>Set when every hop to the final URL was permanent (301/308): the stored URL should change.</summary>
    public Uri? PermanentUrl { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public TimeSpan? MaxAge { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public int? HttpStatus { get; init; }
    /// <summary>One line a person can act on, when Status is Failed.</summary>
    public string? Error { get; init; }
}
