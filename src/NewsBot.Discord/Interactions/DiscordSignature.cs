using System.Text;
using NSec.Cryptography;

namespace NewsBot.Discord.Interactions;

/// <summary>Checks the Ed25519 signature Discord puts on HTTP interactions.</summary>
public static class DiscordSignature
{
    /// <summary>
    /// True when <paramref name="signatureHex"/> (X-Signature-Ed25519) signs <paramref name="timestamp"/>
    /// (X-Signature-Timestamp) followed by the raw body, under the application's public key.
    /// Malformed input of any kind is simply not verified.
    /// </summary>
    public static bool Verify(string? publicKeyHex, string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (publicKeyHex is not { Length: 64 } || signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp))
        {
            return false;
        }
        byte[] key, signature;
        try
        {
            key = Convert.FromHexString(publicKeyHex);
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }
        var algorithm = SignatureAlgorithm.Ed25519;
        if (!PublicKey.TryImport(algorithm, key, KeyBlobFormat.RawPublicKey, out var publicKey))
        {
            return false;
        }
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var data = new byte[stamp.Length + body.Length];
        stamp.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(stamp.Length));
        return algorithm.Verify(publicKey!, data, signature);
    }
}
