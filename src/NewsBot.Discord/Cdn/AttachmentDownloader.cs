using System.Globalization;
using System.Net;

namespace NewsBot.Discord.Cdn;

/// <summary>A file a user sent could not be fetched or was refused; the message is one line a person can act on.</summary>
public sealed class AttachmentRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Downloads files users attach to commands. Everything about them is hostile input: only Discord's CDN (or the
/// configured <see cref="DiscordOptions.AttachmentBaseUrl"/>) is contacted, never with the bot token; the size is
/// checked from the attachment's declared size, the Content-Length and while reading; redirects are not followed;
/// a timeout ends a slow download.
/// </summary>
/// <remarks>Give it an HttpClient whose handler does not follow redirects, so a redirect cannot reach another host.</remarks>
public sealed class AttachmentDownloader(HttpClient http, DiscordOptions options, TimeProvider? timeProvider = null)
{
    /// <summary>The hosts Discord serves attachments from.</summary>
    public static readonly IReadOnlySet<string> CdnHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "cdn.discordapp.com", "media.discordapp.net" };

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The attachment's bytes, at most <paramref name="maxBytes"/> of them.</summary>
    /// <exception cref="AttachmentRefusedException">Not from an allowed host, too large, not served, or too slow.</exception>
    public async Task<byte[]> DownloadAsync(DiscordAttachment attachment, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (attachment.Size > maxBytes)
        {
            throw new AttachmentRefusedException($"the file is {Size(attachment.Size)}; at most {Size(maxBytes)} is accepted");
        }
        var url = Allowed(attachment.Url) ?? Allowed(attachment.ProxyUrl)
            ?? throw new AttachmentRefusedException($"the file's address ({HostOf(attachment.Url ?? attachment.ProxyUrl)}) is not Discord's CDN, so it was not downloaded");

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.RequestMessage?.RequestUri is { } final && Allowed(final.AbsoluteUri) is null)
            {
                throw new AttachmentRefusedException($"the download was redirected to {final.Host}, which is not Discord's CDN");
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new AttachmentRefusedException($"Discord's CDN answered {(int)response.StatusCode} for the file{((int)response.StatusCode is >= 300 and < 400 ? " (redirects are not followed)" : "")}");
            }
            if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            {
                throw new AttachmentRefusedException($"the file is {Size(length)}; at most {Size(maxBytes)} is accepted");
            }
            return await ReadCappedAsync(response.Content, maxBytes, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AttachmentRefusedException(string.Create(CultureInfo.InvariantCulture, $"the download took longer than {timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            throw new AttachmentRefusedException($"the file could not be downloaded ({OneLine(e.Message)})", e);
        }
    }

    /// <summary>The URL when it points at Discord's CDN over https or below the configured base; otherwise null.</summary>
    public Uri? Allowed(string? candidate)
    {
        if (candidate is null || !Uri.TryCreate(candidate, UriKind.Absolute, out var url) || url.UserInfo.Length > 0)
        {
            return null;
        }
        if (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && CdnHosts.Contains(url.IdnHost))
        {
            return url;
        }
        if (options.AttachmentBaseUrl is { } configured && Uri.TryCreate(configured, UriKind.Absolute, out var root)
            && url.Scheme == root.Scheme && url.Port == root.Port
            && string.Equals(url.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal))
        {
            return url;
        }
        return null;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new AttachmentRefusedException($"the file is larger than its declared size and than the {Size(maxBytes)} accepted");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string HostOf(string? url) =>
        url is null ? "none given" : Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Authority : "not a URL";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ") is { Length: > 200 } t ? t[..200] + "…" : text.ReplaceLineEndings(" ");
}
