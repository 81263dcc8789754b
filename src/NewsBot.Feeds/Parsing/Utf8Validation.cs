using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Whether bytes are valid UTF-8, 32 bytes at a time. Deciding whether to trust a declared UTF-8 (a GBK page often
/// claims it) means checking every byte, and for Chinese text the framework's check took 40 % of reading the feed. This
/// is the table-lookup method of Keiser and Lemire ("Validating UTF-8 in less than one instruction per byte", 2021):
/// each byte's error classes are looked up from the high and low nibble of the byte before it and the high nibble of
/// the byte itself, and the three answers ANDed; a non-zero bit is an error. Without AVX2 the framework's check runs.
/// </summary>
internal static class Utf8Validation
{
    public static bool IsValid(ReadOnlySpan<byte> bytes) =>
        Avx2.IsSupported && bytes.Length >= 64 ? IsValidAvx2(bytes) : System.Text.Unicode.Utf8.IsValid(bytes);

    // Error classes: which bits a byte pair can carry (the paper's names).
    private const byte TooShort = 1 << 0;    // a lead byte or ASCII where a continuation byte is needed
    private const byte TooLong = 1 << 1;     // ASCII followed by a continuation byte
    private const byte Overlong3 = 1 << 2;   // E0 followed by 80–9F
    private const byte TooLarge = 1 << 3;    // above U+10FFFF
    private const byte Surrogate = 1 << 4;   // ED followed by A0–BF
    private const byte Overlong2 = 1 << 5;   // C0 or C1
    private const byte TooLarge1000 = 1 << 6;
    private const byte Overlong4 = 1 << 6;   // F0 followed by 80–8F
    private const byte TwoConts = 1 << 7;    // two continuation bytes: fine only inside a 3- or 4-byte sequence
    private const byte Carry = TooShort | TooLong | TwoConts;

    private static Vector256<byte> Table(ReadOnlySpan<byte> sixteen) => Vector256.Create(Vector128.Create(sixteen), Vector128.Create(sixteen));

    private static readonly Vector256<byte> Byte1High = Table(
    [
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoConts, TwoConts, TwoConts, TwoConts,
        TooShort | Overlong2,
        TooShort,
        TooShort | Overlong3 | Surrogate,
        TooShort | TooLarge | TooLarge1000 | Overlong4,
    ]);

    private static readonly Vector256<byte> Byte1Low = Table(
    [
        Carry | Overlong3 | Overlong2 | Overlong4,
        Carry | Overlong2,
        Carry,
        Carry,
        Carry | TooLarge,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000 | Surrogate,
        Carry | TooLarge | TooLarge1000,
        Carry | TooLarge | TooLarge1000,
    ]);

    private static readonly Vector256<byte> Byte2High = Table(
    [
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        TooLong | Overlong2 | TwoConts | Overlong3 | TooLarge1000 | Overlong4,
        TooLong | Overlong2 | TwoConts | Overlong3 | TooLarge,
        TooLong | Overlong2 | TwoConts | Surrogate | TooLarge,
        TooLong | Overlong2 | TwoConts | Surrogate | TooLarge,
        TooShort, TooShort, TooShort, TooShort,
    ]);

    /// <summary>Per position, the largest byte that may end a block: a lead byte in the last three needs more bytes.</summary>
    private static readonly Vector256<byte> IncompleteLimit = Vector256.Create(
        (byte)0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1);

    /// <summary>The vector path alone, for any length (the tests run it on short inputs too); AVX2 only.</summary>
    internal static bool IsValidAvx2(ReadOnlySpan<byte> bytes)
    {
        // Tables and constants in locals, and one loop with no calls: the state then stays in registers.
        var byte1High = Byte1High;
        var byte1Low = Byte1Low;
        var byte2High = Byte2High;
        var incompleteLimit = IncompleteLimit;
        var lowNibble = Vector256.Create((byte)0x0F);
        var thirdLead = Vector256.Create((byte)(0xE0 - 0x80));
        var fourthLead = Vector256.Create((byte)(0xF0 - 0x80));
        var highBit = Vector256.Create((byte)0x80);
        var error = Vector256<byte>.Zero;
        var previous = Vector256<byte>.Zero;
        var incomplete = Vector256<byte>.Zero;
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        int whole = bytes.Length & ~31;
        // The tail, padded with zeros (ASCII): a sequence cut short at the end then shows as too short.
        Span<byte> tail = stackalloc byte[32];
        tail.Clear();
        bytes[whole..].CopyTo(tail);
        for (int i = 0; i < bytes.Length; i += 32)
        {
            var block = i < whole ? Vector256.LoadUnsafe(ref start, (nuint)i) : Vector256.Create((ReadOnlySpan<byte>)tail);
            if (block.ExtractMostSignificantBits() == 0)
            {
                // ASCII: fine, unless the previous block ended inside a sequence.
                error |= incomplete;
                incomplete = Vector256<byte>.Zero;
            }
            else
            {
                // The bytes shifted by one, two and three places, the first ones coming from the end of the previous block.
                var carried = Avx2.Permute2x128(previous, block, 0x21);
                var prev1 = Avx2.AlignRight(block, carried, 16 - 1);
                var prev2 = Avx2.AlignRight(block, carried, 16 - 2);
                var prev3 = Avx2.AlignRight(block, carried, 16 - 3);
                var special = Avx2.Shuffle(byte1High, Avx2.ShiftRightLogical(prev1.AsUInt16(), 4).AsByte() & lowNibble)
                    & Avx2.Shuffle(byte1Low, prev1 & lowNibble)
                    & Avx2.Shuffle(byte2High, Avx2.ShiftRightLogical(block.AsUInt16(), 4).AsByte() & lowNibble);
                // Two continuation bytes in a row must be the third or fourth byte of a sequence, and the reverse.
                var mustContinue = (Avx2.SubtractSaturate(prev2, thirdLead) | Avx2.SubtractSaturate(prev3, fourthLead)) & highBit;
                error |= mustContinue ^ special;
                incomplete = Avx2.SubtractSaturate(block, incompleteLimit);
            }
            previous = block;
        }
        error |= incomplete;
        return error == Vector256<byte>.Zero;
    }
}
