using System.Buffers;
using System.Text;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Text encoded twice: UTF-8 read as windows-1252 and encoded as UTF-8 again ("CafÃ© â€œquotedâ€\u009D" for
/// "Café “quoted”"), a common fault of feeds built from a database in the wrong encoding.
/// </summary>
internal static class Mojibake
{
    /// <summary>The lead characters of a doubled sequence: a UTF-8 lead byte (0xC2–0xF4) read as windows-1252.</summary>
    private static readonly SearchValues<char> Leads = SearchValues.Create("ÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóô");

    private static readonly Encoding Windows1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text decoded once more when it is certainly doubled: every character fits windows-1252 and the bytes that
    /// gives are valid UTF-8 with at least one multi-byte character. Anything else comes back unchanged.
    /// </summary>
    public static string? Repair(string? text)
    {
        if (text is null || text.AsSpan().IndexOfAny(Leads) < 0 || !HasContinuation(text))
            return text;
        try
        {
            byte[] once = Windows1252.GetBytes(text);
            return StrictUtf8.GetString(once);
        }
        catch (Exception e) when (e is EncoderFallbackException or DecoderFallbackException)
        {
            return text;
        }
    }

    /// <summary>A lead followed by what a continuation byte (0x80–0xBF) reads as in windows-1252.</summary>
    private static bool HasContinuation(string text)
    {
        for (int i = text.AsSpan().IndexOfAny(Leads); i >= 0 && i + 1 < text.Length;)
        {
            char next = text[i + 1];
            if (next is >= '\u00A0' and <= '\u00BF' || (next >= '\u0080' && IsWindows1252High(next)))
                return true;
            int j = text.AsSpan(i + 1).IndexOfAny(Leads);
            i = j < 0 ? -1 : i + 1 + j;
        }
        return false;
    }

    private static bool IsWindows1252High(char c) => c is '€' or '‚' or 'ƒ' or '„' or '…' or '†' or '‡' or 'ˆ' or '‰' or 'Š' or '‹' or 'Œ' or 'Ž'
        or '‘' or '’' or '“' or '”' or '•' or '–' or '—' or '˜' or '™' or 'š' or '›' or 'œ' or 'ž' or 'Ÿ' or '\u0081' or '\u008D' or '\u008F' or '\u0090' or '\u009D';
}
