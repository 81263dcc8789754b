using System.Net;
using System.Net.Sockets;

namespace NewsBot.Feeds.Fetching;

public static class FeedHttpHandler
{
    /// <summary>
    /// The primary handler for the "feeds" HttpClient: no auto-redirect (FeedFetcher checks every hop),
    /// no automatic decompression (FeedFetcher decodes so the size cap counts decoded bytes), no proxy,
    /// no cookies, and a connect step that resolves the host, drops forbidden addresses and only then connects.
    /// </summary>
    public static SocketsHttpHandler Create(FeedsOptions options)
        => Create(options, AddressPolicy.Classify);

    /// <param name="classify">Null for an address the guard lets through; tests swap it to admit one loopback address.</param>
    /// <param name="resolve">Name resolution (DNS by default); tests swap it for a resolver that changes its answers.</param>
    internal static SocketsHttpHandler Create(FeedsOptions options, Func<IPAddress, string?> classify, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.AllowPrivateAddresses;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            // A proxy would be the address connected to, and the guard would judge the proxy instead of the feed.
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            // Connections are re-made (and their addresses re-checked) now and then, so DNS changes are noticed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // The addresses judged are the addresses connected to, from one resolution per connection: a name that
            // answers with a public address once and 127.0.0.1 the next time (DNS rebinding) gains nothing.
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate ? null : classify, resolve ?? Dns.GetHostAddressesAsync, ct),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint endPoint, Func<IPAddress, string?>? classify, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken ct)
    {
        var host = endPoint.Host;
        var isLiteral = IPAddress.TryParse(host.TrimStart('[').TrimEnd(']'), out var literal);
        var addresses = isLiteral ? [literal!] : await resolve(host, ct);
        if (classify is not null)
        {
            addresses = Filter(host, isLiteral, addresses, classify);
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static IPAddress[] Filter(string host, bool isLiteral, IPAddress[] addresses, Func<IPAddress, string?> classify)
    {
        var allowed = addresses.Where(a => classify(a) is null).ToArray();
        if (allowed.Length > 0 || addresses.Length == 0)
        {
            return allowed;
        }

        var first = addresses[0];
        var kind = classify(first)!;
        var article = "aeiou".Contains(kind[0]) ? "an" : "a";
        throw new FetchFailure(isLiteral
            ? $"refused: {first} is {article} {kind} address"
            : $"refused: {host} resolves to {article} {kind} address ({first})");
    }
}
