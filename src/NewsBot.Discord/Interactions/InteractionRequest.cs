using System.Text.Json;

namespace NewsBot.Discord.Interactions;

/// <summary>The outcome of reading one HTTP interaction request.</summary>
/// <param name="Status">401 bad signature, 400 unreadable body, 200 otherwise.</param>
/// <param name="Pong">For a PING, the body to answer with (<c>{"type":1}</c>).</param>
/// <param name="Interaction">For anything else, the interaction for the bot to handle.</param>
public sealed record InteractionRequest(int Status, string? Pong, Interaction? Interaction)
{
    /// <summary>
    /// Verifies and parses a request to the interactions endpoint. The host answers <see cref="Status"/>,
    /// with <see cref="Pong"/> when set, and otherwise hands <see cref="Interaction"/> to the bot.
    /// </summary>
    public static InteractionRequest Read(string? publicKeyHex, string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (!DiscordSignature.Verify(publicKeyHex, signatureHex, timestamp, body))
        {
            return new InteractionRequest(401, null, null);
        }
        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(body, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return new InteractionRequest(400, null, null);
        }
        return interaction switch
        {
            null => new InteractionRequest(400, null, null),
            { Type: InteractionType.Ping } => new InteractionRequest(200, "{\"type\":1}", null),
            _ => new InteractionRequest(200, null, interaction),
        };
    }
}
