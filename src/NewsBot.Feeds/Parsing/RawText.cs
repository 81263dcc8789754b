using System.Buffers;
using System.Text;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Element text that may still be UTF-8 bytes of the document: a feed's bodies are most of its bytes, and most items
/// of a poll are already stored, so their bodies are turned into strings only when somebody reads them.
/// </summary>
internal readonly struct RawText
{
    private readonly string? _text;
    private readonly byte[]? _doc;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _references;

    public RawText(string text) => _text = text;

    /// <param name="references">The bytes hold character or predefined entity references still to be decoded.</param>
    public RawText(byte[] doc, int start, int length, bool references)
    {
        _doc = doc;
        _start = start;
        _length = length;
        _references = references;
    }

    public static RawText Empty => new("");

    /// <summary>The size as it lies in the document (bytes or chars): enough to tell a full body from a teaser.</summary>
    public int Length => _doc is null ? _text?.Length ?? 0 : _length;

    private ReadOnlySpan<byte> Bytes => _doc.AsSpan(_start, _length);

    public override string ToString() => _doc is null ? _text ?? "" : Utf8Xml.Decode(Bytes, _references);

    public bool Contains(char c) => _doc is null ? (_text ?? "").Contains(c, StringComparison.Ordinal) : c < 0x80 && Bytes.Contains((byte)c);

    /// <summary>string.IsNullOrWhiteSpace of the decoded text, without decoding when the bytes already tell.</summary>
    public bool IsBlank
    {
        get
        {
            if (_doc is null)
                return string.IsNullOrWhiteSpace(_text);
            // Any ASCII byte that is neither white space nor the start of a reference settles it; otherwise (non-ASCII
            // or references only) the decoded text decides, as Unicode white space (U+00A0, U+3000) counts.
            if (Bytes.IndexOfAnyExcept(MaybeBlank) >= 0)
                return false;
            return string.IsNullOrWhiteSpace(ToString());
        }
    }

    private static readonly SearchValues<byte> MaybeBlank = SearchValues.Create(BuildMaybeBlank());

    private static byte[] BuildMaybeBlank()
    {
        var bytes = new List<byte> { (byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', (byte)'&' };
        for (int b = 0x80; b <= 0xFF; b++)
            bytes.Add((byte)b);
        return [.. bytes];
    }
}

/// <summary>Decoding of the UTF-8 text the scanner hands out.</summary>
internal static class Utf8Xml
{
    /// <summary>UTF-8 to string, expanding character references and the five predefined entities.</summary>
    /// <remarks>The scanner has already checked every reference, so this cannot meet a malformed one.</remarks>
    public static string Decode(ReadOnlySpan<byte> bytes, bool references)
    {
        if (!references)
            return Encoding.UTF8.GetString(bytes);
        byte[]? rented = null;
        Span<byte> buffer = bytes.Length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(bytes.Length));
        try
        {
            int n = 0;
            int i = 0;
            while (i < bytes.Length)
            {
                int amp = bytes[i..].IndexOf((byte)'&');
                if (amp < 0)
                {
                    bytes[i..].CopyTo(buffer[n..]);
                    n += bytes.Length - i;
                    break;
                }
                bytes.Slice(i, amp).CopyTo(buffer[n..]);
                n += amp;
                i += amp;
                int semi = bytes[i..].IndexOf((byte)';');
                var name = bytes.Slice(i + 1, semi - 1);
                i += semi + 1;
                if (name[0] == '#')
                {
                    // A reference is never shorter in UTF-8 than what it encodes (&#1; is 4 bytes, U+10FFFF is 4), so
                    // decoding in place into a buffer the size of the input cannot overflow.
                    var rune = new Rune(CharReference(name[1..]));
                    n += rune.EncodeToUtf8(buffer[n..]);
                }
                else
                {
                    buffer[n++] = Predefined(name);
                }
            }
            return Encoding.UTF8.GetString(buffer[..n]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The code point of a character reference's digits (after '#'), or -1 when it is not a valid one.</summary>
    public static int CharReference(ReadOnlySpan<byte> digits)
    {
        bool hex = digits.Length > 0 && digits[0] == 'x';
        if (hex)
            digits = digits[1..];
        if (digits.IsEmpty || digits.Length > 8)
            return -1;
        int value = 0;
        foreach (byte d in digits)
        {
            int v = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                : -1;
            if (v < 0)
                return -1;
            value = value * (hex ? 16 : 10) + v;
        }
        return Rune.IsValid(value) && value != 0 ? value : -1;
    }

    /// <summary>The byte of amp, lt, gt, quot or apos; 0 for any other name.</summary>
    public static byte Predefined(ReadOnlySpan<byte> name) => name switch
    {
        [(byte)'a', (byte)'m', (byte)'p'] => (byte)'&',
        [(byte)'l', (byte)'t'] => (byte)'<',
        [(byte)'g', (byte)'t'] => (byte)'>',
        [(byte)'q', (byte)'u', (byte)'o', (byte)'t'] => (byte)'"',
        [(byte)'a', (byte)'p', (byte)'o', (byte)'s'] => (byte)'\'',
        _ => 0,
    };
}
