using System.Text;

namespace NewsBot.Feeds.Parsing;

/// <summary>Turns the bytes as served into text: BOM, then the HTTP charset, then the XML declaration, then sniffing.</summary>
internal static class FeedEncoding
{
    static FeedEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        var encoding = Detect(body, contentType, out int preamble);
        return encoding.GetString(body[preamble..]);
    }

    /// <summary>The encoding the body is read with, and the length of the byte order mark to skip.</summary>
    /// <remarks>UTF-8 is returned only for bytes that are valid UTF-8, ASCII only for bytes that are ASCII.</remarks>
    public static Encoding Detect(ReadOnlySpan<byte> body, string? contentType, out int preamble) =>
        Detect(body, contentType, out preamble, out _);

    /// <inheritdoc cref="Detect(ReadOnlySpan{byte}, string?, out int)"/>
    /// <param name="asciiBytes">Every byte is ASCII (whatever encoding is answered).</param>
    public static Encoding Detect(ReadOnlySpan<byte> body, string? contentType, out int preamble, out bool asciiBytes) =>
        Detect(body, contentType, DeclaredCharset(body), out preamble, out asciiBytes);

    /// <summary>An HTML page as text: BOM, the HTTP charset, then &lt;meta charset&gt; or its http-equiv form, then sniffing.</summary>
    public static string DecodeHtml(ReadOnlySpan<byte> body, string? contentType)
    {
        var encoding = Detect(body, contentType, HtmlMeta.Charset(body), out int preamble, out _);
        return encoding.GetString(body[preamble..]);
    }

    private static Encoding Detect(ReadOnlySpan<byte> body, string? contentType, string? declaredLabel, out int preamble, out bool asciiBytes)
    {
        preamble = 0;
        asciiBytes = false;
        if (CharsetDetection.ByteOrderMark(body, out preamble) is { } bom)
            return bom.CodePage == Encoding.UTF8.CodePage ? Lenient(bom, body[3..]) : bom;
        if (CharsetDetection.Utf32WithoutMark(body) is { } utf32)
            return utf32;
        // UTF-16 without a BOM still starts "<" as 3C 00 or 00 3C.
        if (body.Length >= 4 && body[0] == 0x3C && body[1] == 0 && body[2] != 0 && body[3] == 0)
            return Encoding.Unicode;
        if (body.Length >= 4 && body[0] == 0 && body[1] == 0x3C && body[2] == 0 && body[3] != 0)
            return Encoding.BigEndianUnicode;

        var http = ForName(CharsetOf(contentType));
        var declared = ForName(declaredLabel);
        bool ascii = asciiBytes = System.Text.Ascii.IsValid(body);
        if (ascii)
            return http is null || IsAsciiCompatible(http) ? Encoding.ASCII : http;

        bool utf8 = Utf8Validation.IsValid(body);
        // HTTP charset wins, except the generic defaults servers add without looking (text/xml; charset=ISO-8859-1)
        // when the bytes are plainly UTF-8 or the document itself says otherwise.
        if (http is not null && !(IsWeakDefault(http) && (utf8 || declared is not null)) && CharsetDetection.Agrees(http, utf8))
            return http;
        // A declaration the bytes contradict is a lie (UTF-8 over windows-1252 bytes, windows-1252 over UTF-8 text):
        // the bytes decide instead.
        if (declared is not null && CharsetDetection.Agrees(declared, utf8))
            return declared;
        if (utf8)
            return Encoding.UTF8;
        return Sniff(body);
    }

    private static Encoding Lenient(Encoding encoding, ReadOnlySpan<byte> body, bool? utf8 = null)
    {
        if (encoding.CodePage == Encoding.UTF8.CodePage && !(utf8 ?? Utf8Validation.IsValid(body)))
            return Sniff(body);
        return encoding;
    }

    private static bool IsWeakDefault(Encoding e) => e.CodePage is 1252 or 28591 or 20127;

    private static bool IsAsciiCompatible(Encoding e) => e.CodePage is not (1200 or 1201 or 12000 or 12001);

    /// <summary>Bytes that are not UTF-8 and carry no label the bytes agree with.</summary>
    private static Encoding Sniff(ReadOnlySpan<byte> body) => CharsetDetection.Guess(body);

    internal static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return null;
        int i = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (i < 0)
            return null;
        var rest = contentType.AsSpan(i + 7).TrimStart();
        if (rest.IsEmpty || rest[0] != '=')
            return null;
        rest = rest[1..].Trim().Trim('"').Trim('\'');
        int end = rest.IndexOfAny(';', ' ', '"');
        return (end >= 0 ? rest[..end] : rest).ToString();
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 1024)];
        int start = head.IndexOf("<?xml"u8);
        if (start < 0)
            return null;
        head = head[start..];
        int end = head.IndexOf("?>"u8);
        if (end > 0)
            head = head[..end];
        int e = head.IndexOf("encoding"u8);
        if (e < 0)
            return null;
        head = head[(e + 8)..];
        int q = head.IndexOfAny((byte)'"', (byte)'\'');
        if (q < 0)
            return null;
        byte quote = head[q];
        head = head[(q + 1)..];
        int close = head.IndexOf(quote);
        return close < 0 ? null : Encoding.ASCII.GetString(head[..close]);
    }

    internal static Encoding? ForName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        name = name.Trim().ToLowerInvariant();
        // Labels are read the way browsers read them: the supersets win (WHATWG Encoding).
        name = name switch
        {
            "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "chinese" or "csgb2312" or "euc-cn" or "cp936" => "gb18030",
            "iso-8859-1" or "latin1" or "iso8859-1" or "iso_8859-1" or "us-ascii" or "ascii" or "l1" => "windows-1252",
            "iso-8859-9" or "latin5" => "windows-1254",
            "iso-8859-11" or "tis-620" => "windows-874",
            "big5-hkscs" or "x-x-big5" => "big5",
            "sjis" or "x-sjis" or "ms_kanji" or "windows-31j" or "cp932" => "shift_jis",
            "ks_c_5601-1987" or "cp949" or "windows-949" => "euc-kr",
            "utf8" or "unicode-1-1-utf-8" => "utf-8",
            _ => name,
        };
        // What nearly every feed declares, without the provider lookup.
        if (name == "utf-8")
            return Encoding.UTF8;
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // "cp1251", "x-cp1250", "ibm866", "windows-874" spelled as code page numbers
            var digits = name.AsSpan().TrimStart("abcdefghijklmnopqrstuvwxyz-_");
            if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int codePage))
            {
                try
                {
                    return Encoding.GetEncoding(codePage);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException)
                {
                    return null;
                }
            }
            return null;
        }
    }
}
