using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;

namespace NewsBot.Display;

/// <summary>A media file the bot fetched itself, to upload where the platform could not fetch the URL.</summary>
public sealed record DownloadedMedia(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Fetches a picture, video or audio file through the feed fetcher (SSRF guard on every connected address, size cap,
/// deadline, the honest User-Agent), with the article page as Referer, which most hotlink protection accepts. Never
/// throws for the file's faults: the problem comes back as one line and the post goes out without the file.
/// </summary>
public sealed class MediaDownloader(FeedFetcher fetcher, FeedsOptions options)
{
    /// <summary>
    /// The downloads of one post, sharing Feeds:MediaTimeout: a slow or silent media host (or one whose gate is busy)
    /// holds a post up that long at most, so an album of ten hanging pictures cannot outlast the send and cost the post.
    /// </summary>
    public MediaDownloads ForPost(string? pageUrl, CancellationToken ct) => new(this, pageUrl, ct);

    /// <summary>How long one post's downloads may take together.</summary>
    public TimeSpan Budget => options.MediaTimeout;

    internal async Task<(DownloadedMedia? Media, string? Problem)> DownloadAsync(PostMedia media, string? pageUrl, long maxBytes, CancellationToken ct)
    {
        if (!Uri.TryCreate(media.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return (null, $"'{media.Url}' is not an http(s) URL");
        }
        if (media.Length > maxBytes)
        {
            return (null, $"the feed says the file has {media.Length} bytes; uploads take at most {maxBytes}");
        }
        var accept = media.Kind switch
        {
            MediaKind.Video => "video/*",
            MediaKind.Audio => "audio/*",
            _ => "image/*",
        };
        var limits = new FetchLimits(options.MediaTimeout, "Feeds:MediaTimeout", maxBytes, "the platform's upload limit", accept, "media file");
        var request = new FetchRequest(url) { Limits = limits, Referer = Uri.TryCreate(pageUrl, UriKind.Absolute, out var page) ? page : null };
        var fetched = await fetcher.FetchAsync(request, ct);
        if (fetched.Status != FetchStatus.Ok || fetched.Body is not { Length: > 0 } body)
        {
            return (null, fetched.Error ?? $"the media server answered {fetched.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? fetched.Status.ToString()}");
        }
        var type = fetched.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant() ?? "";
        var expected = accept[..accept.IndexOf('/', StringComparison.Ordinal)] + "/";
        if (!type.StartsWith(expected, StringComparison.Ordinal))
        {
            return (null, $"the file is {(type.Length == 0 ? "unlabelled" : type)}, not {accept}");
        }
        return (new DownloadedMedia(body, type, FileName(fetched.FinalUrl, type)), null);
    }

    /// <summary>The URL's last segment when it is a plain file name, else a name made from the type.</summary>
    internal static string FileName(Uri url, string contentType)
    {
        var last = Uri.UnescapeDataString(url.Segments.LastOrDefault() ?? "").Trim('/');
        if (last.Length is > 0 and <= 80 && last.Contains('.', StringComparison.Ordinal) && last.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return last;
        }
        var extension = contentType.Split('/', 2) is [_, var sub] ? new string(sub.TakeWhile(char.IsAsciiLetterOrDigit).ToArray()) : "";
        return "media." + (extension is { Length: > 0 and <= 5 } ? (extension == "jpeg" ? "jpg" : extension) : "bin");
    }
}

/// <summary>One post's media downloads under one deadline; disposing it ends the deadline's timer.</summary>
public sealed class MediaDownloads : IDisposable
{
    private readonly MediaDownloader _downloader;
    private readonly string? _pageUrl;
    private readonly CancellationToken _ct;
    private readonly CancellationTokenSource _deadline;

    internal MediaDownloads(MediaDownloader downloader, string? pageUrl, CancellationToken ct)
    {
        _downloader = downloader;
        _pageUrl = pageUrl;
        _ct = ct;
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _deadline.CancelAfter(downloader.Budget);
    }

    /// <summary>The file, or why not; throws only when the caller's own token is cancelled.</summary>
    public async Task<(DownloadedMedia? Media, string? Problem)> DownloadAsync(PostMedia media, long maxBytes)
    {
        try
        {
            _deadline.Token.ThrowIfCancellationRequested();
            return await _downloader.DownloadAsync(media, _pageUrl, maxBytes, _deadline.Token);
        }
        catch (OperationCanceledException) when (!_ct.IsCancellationRequested)
        {
            return (null, $"no time left: the files of one post get {_downloader.Budget.TotalSeconds:0.#} s together (Feeds:MediaTimeout)");
        }
    }

    public void Dispose() => _deadline.Dispose();
}
