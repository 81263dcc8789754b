using System.Text;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Feeds;

/// <summary>
/// The encoding of bytes that came without a trustworthy label: a feed, or an article page whose &lt;meta charset&gt;
/// or HTTP charset is missing or contradicted by the bytes.
/// </summary>
/// <remarks>
/// Byte order marks first (UTF-8, UTF-16 and UTF-32, both byte orders), then the declared charset when the bytes agree
/// with it, then statistics: UTF.Unknown (Mozilla's universal detector and uchardet, byte-pair frequencies per script)
/// for the CJK multi-byte encodings, Cyrillic, Greek, Hebrew, Thai and Western text, with a MacRoman check of our own
/// (UTF.Unknown has no model for it). Only the statistical step costs anything, and it runs only when nothing else
/// settled the question.
/// </remarks>
public static class CharsetDetection
{
    static CharsetDetection() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>How much of a large document the statistics read: enough text for any script, bounded work.</summary>
    private const int SampleBytes = 64 * 1024;

    /// <param name="bytes">The document as served.</param>
    /// <param name="declaredCharset">
    /// The charset label the transport or the document gave (HTTP charset, &lt;meta charset&gt;, XML encoding), or null.
    /// </param>
    /// <returns>The encoding to read <paramref name="bytes"/> with (its byte order mark, if any, still to be skipped).</returns>
    public static Encoding Detect(ReadOnlySpan<byte> bytes, string? declaredCharset)
    {
        if (ByteOrderMark(bytes, out _) is { } bom)
            return bom;
        if (Utf32WithoutMark(bytes) is { } utf32)
            return utf32;
        var declared = FeedEncoding.ForName(declaredCharset);
        if (System.Text.Ascii.IsValid(bytes))
            return declared ?? Encoding.UTF8;
        bool utf8 = Utf8Validation.IsValid(bytes);
        if (declared is not null && Agrees(declared, utf8))
            return declared;
        return utf8 ? Encoding.UTF8 : Guess(bytes);
    }

    /// <summary>
    /// A label is believed unless the bytes say otherwise: UTF-8 over bytes that are not UTF-8, or a single-byte
    /// encoding over bytes that are valid UTF-8 with non-ASCII text (legacy text almost never is).
    /// </summary>
    internal static bool Agrees(Encoding declared, bool validUtf8) =>
        declared.CodePage == Encoding.UTF8.CodePage ? validUtf8 : !(validUtf8 && declared.IsSingleByte);

    internal static Encoding? ByteOrderMark(ReadOnlySpan<byte> b, out int length)
    {
        (Encoding? e, length) = b switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, 0, 0, ..] => (Encoding.UTF32, 4),
            [0, 0, 0xFE, 0xFF, ..] => (Utf32BigEndian, 4),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => ((Encoding?)null, 0),
        };
        return e;
    }

    internal static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: true);

    /// <summary>UTF-32 without a mark: the first character (ASCII markup or white space) padded with three zeros.</summary>
    internal static Encoding? Utf32WithoutMark(ReadOnlySpan<byte> b)
    {
        if (b.Length < 8)
            return null;
        if (b[0] is > 0 and < 0x80 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0)
            return Encoding.UTF32;
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] is > 0 and < 0x80 && b[4] == 0 && b[5] == 0 && b[6] == 0)
            return Utf32BigEndian;
        return null;
    }

    /// <summary>The statistical guess for bytes that are neither ASCII nor UTF-8.</summary>
    internal static Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        var sample = Sample(bytes);
        var detected = UtfUnknown.CharsetDetector.DetectFromBytes(sample).Detected;
        var encoding = detected is null ? null : FeedEncoding.ForName(detected.EncodingName);
        if (encoding is null || encoding.CodePage is 65001 or 20127)
            return Western(sample);
        // Its Latin answers (windows-1252, ISO-8859-1, or the DOS code pages for bytes 0x80–0x9F) are checked for MacRoman.
        return encoding.CodePage is 1252 or 28591 or 850 or 437 or 858 ? Western(sample) : encoding;
    }

    /// <summary>
    /// The start of the document, cut at a line end so no multi-byte character is split. Tags and ASCII are left in:
    /// the detector's probers skip them.
    /// </summary>
    private static ReadOnlySpan<byte> Sample(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= SampleBytes)
            return bytes;
        var head = bytes[..SampleBytes];
        int nl = head.LastIndexOf((byte)'\n');
        return nl > SampleBytes / 2 ? head[..nl] : head;
    }

    /// <summary>
    /// windows-1252 or MacRoman. In MacRoman the accented letters sit at 0x80–0x9F, where windows-1252 keeps
    /// punctuation: a byte there between two letters ("caf\x8E") is a letter, and 0x81, 0x8D, 0x8F, 0x90 and 0x9D are
    /// not windows-1252 at all.
    /// </summary>
    private static Encoding Western(ReadOnlySpan<byte> b)
    {
        int mac = 0, windows = 0;
        for (int i = 1; i < b.Length - 1; i++)
        {
            byte c = b[i];
            if (c < 0x80)
                continue;
            bool between = IsLetter(b[i - 1]) && (IsLetter(b[i + 1]) || b[i + 1] is (byte)' ' or (byte)'<' or (byte)',' or (byte)'.');
            if (c is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
                mac += 2;
            else if (c is >= 0x80 and <= 0x9F && between && c is not (0x92 or 0x96 or 0x97 or 0x85))
                mac++;
            else if (c >= 0xC0 && between)
                windows++;
        }
        return Encoding.GetEncoding(mac > windows ? 10000 : 1252);
    }

    private static bool IsLetter(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';
}
