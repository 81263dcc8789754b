using System.Buffers;
using System.Globalization;
using System.IO.Compression;

namespace NewsBot.Feeds.Fetching;

/// <summary>
/// Reads a body under the size cap, then undoes its Content-Encoding under the same cap,
/// so neither a huge body nor a small gzip bomb gets further than MaxBytes into memory.
/// </summary>
internal static class BodyReader
{
    public const string AcceptEncoding = "gzip, deflate, br";

    /// <param name="limits">The cap (MaxBytes), and the setting and the noun its messages name.</param>
    public static async Task<byte[]> ReadAsync(HttpContent content, FetchLimits limits, CancellationToken ct)
    {
        var maxBytes = limits.MaxBytes;
        if (content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw new FetchFailure($"too large: the server announces {Size(announced)}, over the {Size(maxBytes)} limit ({limits.MaxBytesKey})");
        }

        await using var raw = await content.ReadAsStreamAsync(ct);
        var expected = (int)Math.Min(content.Headers.ContentLength ?? 0, Math.Min(maxBytes, Array.MaxLength));
        var body = await ReadCappedAsync(raw, maxBytes, ct, expected)
            ?? throw new FetchFailure($"too large: the {limits.What} is over the {Size(maxBytes)} limit ({limits.MaxBytesKey})");

        // Encodings are listed in the order they were applied, so they come off in reverse.
        foreach (var encoding in content.Headers.ContentEncoding.Reverse())
        {
            body = await DecodeAsync(body, encoding.Trim().ToLowerInvariant(), limits, ct);
        }

        return body;
    }

    private static async Task<byte[]> DecodeAsync(byte[] body, string encoding, FetchLimits limits, CancellationToken ct)
    {
        var maxBytes = limits.MaxBytes;
        if (encoding is "identity" or "")
        {
            return body;
        }

        var input = new MemoryStream(body, writable: false);
        await using Stream decoder = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
            // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate; the zlib header tells them apart.
            "deflate" when HasZlibHeader(body) => new ZLibStream(input, CompressionMode.Decompress),
            "deflate" => new DeflateStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new FetchFailure($"unsupported Content-Encoding \"{encoding}\" (gzip, deflate and br are understood)"),
        };
        try
        {
            return await ReadCappedAsync(decoder, maxBytes, ct)
                ?? throw new FetchFailure($"too large: the {limits.What} decompresses ({encoding}) to over the {Size(maxBytes)} limit ({limits.MaxBytesKey})");
        }
        catch (InvalidDataException)
        {
            throw new FetchFailure($"the server sent corrupt {encoding} data");
        }
    }

    private static bool HasZlibHeader(byte[] body)
        => body.Length >= 2 && (body[0] & 0x0f) == 8 && ((body[0] << 8) | body[1]) % 31 == 0;

    /// <summary>Null when the stream holds more than maxBytes; reading stops right there.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long maxBytes, CancellationToken ct, int expectedLength = 0)
    {
        using var output = new MemoryStream(expectedLength);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }

    internal static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };
}
