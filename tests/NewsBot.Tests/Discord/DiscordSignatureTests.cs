using System.Text;
using NewsBot.Discord;
using NewsBot.Discord.Interactions;
using NSec.Cryptography;

namespace NewsBot.Tests.Discord;

public sealed class DiscordSignatureTests
{
    private const string Timestamp = "1764000000";

    private static (string PublicKeyHex, string SignatureHex) Sign(byte[] body)
    {
        var algorithm = SignatureAlgorithm.Ed25519;
        using var key = Key.Create(algorithm);
        var data = Encoding.UTF8.GetBytes(Timestamp).Concat(body).ToArray();
        return (Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), Convert.ToHexString(algorithm.Sign(key, data)));
    }

    [Fact]
    public void A_genuine_signature_verifies_and_any_change_breaks_it()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":1,"id":"1","application_id":"2","token":"t"}""");
        var (publicKey, signature) = Sign(body);
        var tampered = body.ToArray();
        tampered[^2] ^= 1;

        Assert.True(DiscordSignature.Verify(publicKey, signature, Timestamp, body));
        Assert.True(DiscordSignature.Verify(publicKey.ToLowerInvariant(), signature.ToLowerInvariant(), Timestamp, body));
        Assert.False(DiscordSignature.Verify(publicKey, signature, "1764000001", body));
        Assert.False(DiscordSignature.Verify(publicKey, signature, Timestamp, tampered));
        Assert.False(DiscordSignature.Verify(Sign(body).PublicKeyHex, signature, Timestamp, body));
    }

    [Theory]
    [InlineData(null, "00")]
    [InlineData("zz", "00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", "nothex")]
    [InlineData("", "")]
    public void Malformed_keys_and_signatures_are_rejected_not_thrown(string? key, string signature)
    {
        Assert.False(DiscordSignature.Verify(key, signature, Timestamp, "{}"u8));
        Assert.False(DiscordSignature.Verify(key, new string('a', 128), Timestamp, "{}"u8));
    }

    [Fact]
    public void Ping_gets_pong_commands_are_parsed_and_bad_signatures_get_401()
    {
        var ping = Encoding.UTF8.GetBytes("""{"type":1,"id":"1","application_id":"2","token":"t"}""");
        var command = Encoding.UTF8.GetBytes("""{"type":2,"id":"3","application_id":"2","token":"t2","guild_id":"222","data":{"name":"feeds","options":[]}}""");
        var (pingKey, pingSignature) = Sign(ping);
        var (commandKey, commandSignature) = Sign(command);

        var pong = InteractionRequest.Read(pingKey, pingSignature, Timestamp, ping);
        var parsed = InteractionRequest.Read(commandKey, commandSignature, Timestamp, command);
        var forged = InteractionRequest.Read(commandKey, pingSignature, Timestamp, command);

        Assert.Equal((200, "{\"type\":1}"), (pong.Status, pong.Pong));
        Assert.Equal(200, parsed.Status);
        Assert.Equal(InteractionType.ApplicationCommand, parsed.Interaction!.Type);
        Assert.Equal("feeds", parsed.Interaction.Data!.Name);
        Assert.Equal(222UL, parsed.Interaction.GuildId);
        Assert.Equal(401, forged.Status);
        Assert.Null(forged.Interaction);
    }
}
