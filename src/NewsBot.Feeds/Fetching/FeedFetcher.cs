using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Feeds.Fetching;

/// <summary>
/// Conditional GET of one feed URL with size cap, timeout, redirects and the SSRF guard.
/// The HttpClient must sit on <see cref="FeedHttpHandler.Create(FeedsOptions)"/>: that handler does the address checks
/// and leaves redirects to this class, which checks every hop.
/// Network and HTTP problems come back as <see cref="FetchStatus.Failed"/> with one line of explanation;
/// only the caller's own cancellation throws.
/// </summary>
public sealed class FeedFetcher(HttpClient http, FeedsOptions options, TimeProvider time)
{
    private const string Accept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
        + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private static readonly string DefaultUserAgent = new FeedsOptions().UserAgent;

    private readonly HostGates gates = new(options.PerHostConcurrency);

    /// <summary>A feed check's limits, read from the options once like the host gates' size.</summary>
    private readonly FetchLimits feedLimits = new(options.Timeout, "Feeds:Timeout", options.MaxBytes, "Feeds:MaxBytes", Accept, "feed");

    /// <summary>Hosts with a request in flight or queued at their gate (for tests and the status page).</summary>
    internal int ActiveHosts => gates.Count;

    /// <remarks>
    /// Feeds:Timeout starts once the first host's gate is entered, so a feed queued behind its siblings on a busy host
    /// is not charged for the wait; it then covers the whole fetch, every hop and the whole body.
    /// </remarks>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = request.Limits ?? feedLimits;
        using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var deadlineStarted = false;
        var url = request.Url;
        // Only a redirect needs the chain (loop detection, the message): most checks are one hop and allocate none.
        List<Uri>? chain = null;
        var allPermanent = true;

        while (true)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                return Failed(url, $"refused: {url} is not an http or https URL");
            }

            Hop hop;
            try
            {
                using var gate = await gates.EnterAsync(url.IdnHost, ct);
                if (!deadlineStarted)
                {
                    deadline.CancelAfter(limits.Timeout);
                    deadlineStarted = true;
                }

                hop = await SendAsync(url, request, limits, linked.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException && ct.IsCancellationRequested)
            {
                // The caller gave up; whatever broke on the way out is not the feed's fault.
                throw new OperationCanceledException("the fetch was cancelled", e, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && (e is OperationCanceledException || deadline.IsCancellationRequested))
            {
                return Failed(url, $"timed out: {url.Host} did not send the {limits.What} within {Seconds(limits.Timeout)} ({limits.TimeoutKey})");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Failed(url, Describe(e, url));
            }

            if (hop.Result is { } result)
            {
                return chain is not null && allPermanent && result.Status != FetchStatus.Failed
                    ? Copy(result, permanentUrl: url)
                    : result;
            }

            var next = hop.Location!;
            allPermanent &= hop.HttpStatus is 301 or 308;
            chain ??= [request.Url];
            if (chain.Contains(next))
            {
                chain.Add(next);
                return Failed(url, $"redirect loop: {string.Join(" → ", chain)}", hop.HttpStatus);
            }

            if (chain.Count > options.MaxRedirects)
            {
                return Failed(url, $"too many redirects: more than {options.MaxRedirects} from {chain[0]} (Feeds:MaxRedirects)", hop.HttpStatus);
            }

            chain.Add(next);
            url = next;
        }
    }

    /// <summary>One request; either a finished result or where the server redirects to.</summary>
    private async Task<Hop> SendAsync(Uri url, FetchRequest request, FetchLimits limits, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.TryAddWithoutValidation("User-Agent", IsSafeHeaderValue(options.UserAgent) ? options.UserAgent : DefaultUserAgent);
        message.Headers.TryAddWithoutValidation("Accept", limits.Accept);
        message.Headers.TryAddWithoutValidation("Accept-Encoding", BodyReader.AcceptEncoding);
        if (request.Referer is { Scheme: "http" or "https" } referer)
        {
            message.Headers.Referrer = referer;
        }

        // Validators come back from the database and first came from a server: a line break in one would let
        // that server (or whoever edited the row) write our request headers. Such a validator is dropped, costing one full GET.
        if (IsSafeHeaderValue(request.ETag))
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
        }

        if (IsSafeHeaderValue(request.LastModified))
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = (int)response.StatusCode;

        if (status is 301 or 302 or 303 or 307 or 308)
        {
            var location = ServerHints.Raw(response, "Location");
            if (string.IsNullOrWhiteSpace(location))
            {
                return new Hop(Failed(url, $"HTTP {status} redirect from {url} has no Location header", status));
            }

            return Uri.TryCreate(url, location.Trim(), out var next)
                ? new Hop(null, next, status)
                : new Hop(Failed(url, $"HTTP {status} redirect from {url} to an unusable Location \"{OneLine(location, 200)}\"", status));
        }

        var etag = ServerHints.Raw(response, "ETag");
        var lastModified = ServerHints.Raw(response, "Last-Modified");
        var maxAge = ServerHints.MaxAge(response);
        var expires = ServerHints.Expires(response);

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            // A 304 need not repeat the validators; the ones we sent stay valid.
            return new Hop(new FetchResult
            {
                Status = FetchStatus.NotModified,
                FinalUrl = url,
                ETag = etag ?? request.ETag,
                LastModified = lastModified ?? request.LastModified,
                MaxAge = maxAge,
                Expires = expires,
                HttpStatus = status,
            });
        }

        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = ServerHints.RetryAfter(response, time.GetUtcNow());
            return new Hop(new FetchResult
            {
                Status = FetchStatus.Failed,
                FinalUrl = url,
                HttpStatus = status,
                RetryAfter = retryAfter,
                MaxAge = maxAge,
                Expires = expires,
                Error = $"HTTP {status} {OneLine(response.ReasonPhrase ?? "", 80)} from {url}".Replace("  ", " ", StringComparison.Ordinal)
                    + (retryAfter is { } wait ? $"; the server asks to retry after {Seconds(wait)}" : ""),
            });
        }

        var body = await BodyReader.ReadAsync(response.Content, limits, ct);
        return new Hop(new FetchResult
        {
            Status = FetchStatus.Ok,
            Body = body,
            ContentType = ServerHints.Raw(response, "Content-Type"),
            FinalUrl = url,
            ContentLocation = response.Content.Headers.ContentLocation is { } contentLocation ? FeedUrls.ResolveBase(contentLocation.OriginalString, url) : null,
            ETag = etag,
            LastModified = lastModified,
            MaxAge = maxAge,
            Expires = expires,
            HttpStatus = status,
        });
    }

    private static string Describe(Exception e, Uri url)
    {
        var failure = Find<FetchFailure>(e);
        if (failure is not null)
        {
            return failure.Message;
        }

        var host = url.Host;
        var socket = Find<SocketException>(e);
        return e switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => $"cannot resolve {host}: no such host",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } when socket is not null
                => $"cannot connect to {host} port {url.Port}: {OneLine(socket.Message, 160)}",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }
                => $"TLS with {host} failed: {OneLine(Find<AuthenticationException>(e)?.Message ?? e.Message, 160)}",
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => $"{host} sent a malformed HTTP response",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
                => $"{host} closed the connection before the response was complete",
            HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } => $"{host} sent oversized response headers",
            IOException => $"reading from {host} failed: {OneLine(e.Message, 160)}",
            _ => $"fetching {url} failed: {OneLine(e.Message, 160)}",
        };
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static FetchResult Failed(Uri url, string error, int? httpStatus = null)
        => new() { Status = FetchStatus.Failed, FinalUrl = url, Error = OneLine(error, 500), HttpStatus = httpStatus };

    private static FetchResult Copy(FetchResult r, Uri permanentUrl) => new()
    {
        Status = r.Status,
        Body = r.Body,
        ContentType = r.ContentType,
        FinalUrl = r.FinalUrl,
        ContentLocation = r.ContentLocation,
        PermanentUrl = permanentUrl,
        ETag = r.ETag,
        LastModified = r.LastModified,
        MaxAge = r.MaxAge,
        Expires = r.Expires,
        RetryAfter = r.RetryAfter,
        HttpStatus = r.HttpStatus,
        Error = r.Error,
    };

    /// <summary>Printable ASCII and tabs only: nothing that could end the header line or be re-encoded on the way out.</summary>
    private static bool IsSafeHeaderValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 1024)
        {
            return false;
        }
        foreach (var c in value)
        {
            if (c != '\t' && c is < ' ' or > '~')
            {
                return false;
            }
        }
        return true;
    }

    private static string OneLine(string text, int max)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");

    private sealed record Hop(FetchResult? Result, Uri? Location = null, int HttpStatus = 0);
}
