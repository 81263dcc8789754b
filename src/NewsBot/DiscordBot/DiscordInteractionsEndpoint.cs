using System.Text.Json;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NSec.Cryptography;

namespace NewsBot.DiscordBot;

/// <summary>
/// The optional HTTP interactions endpoint (Discord:PublicKey set): Discord POSTs interactions to
/// /discord/interactions signed with Ed25519; unsigned or wrongly signed requests get 401.
/// </summary>
public static class DiscordInteractionsEndpoint
{
    private const int MaxBody = 1 << 20;

    public static WebApplication MapDiscordInteractions(this WebApplication app)
    {
        var options = app.Services.GetService<DiscordOptions>();
        if (options?.PublicKey is not { Length: 64 } hex || app.Services.GetService<InteractionHandler>() is null)
        {
            return app;
        }
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(hex), KeyBlobFormat.RawPublicKey);
        app.MapPost("/discord/interactions", (HttpContext context, InteractionHandler handler, DiscordRestClient rest, ILogger<InteractionHandler> logger, IHostApplicationLifetime lifetime) =>
            HandleAsync(context, key, handler, rest, logger, lifetime.ApplicationStopping));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, PublicKey key, InteractionHandler handler, DiscordRestClient rest, ILogger logger, CancellationToken stopping)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (!Verify(key, context.Request.Headers["X-Signature-Ed25519"], context.Request.Headers["X-Signature-Timestamp"], body))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", context.RequestAborted);
            return;
        }
        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize<Interaction>(body, DiscordJson.Options);
        }
        catch (JsonException e)
        {
            interaction = null;
            logger.LogWarning("Discord sent an interaction this bot cannot read: {Error}", e.Message);
        }
        if (interaction is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var answer = FilesAsFollowup(await handler.AnswerAsync(interaction, context.RequestAborted), interaction, rest);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer.First, DiscordJson.Options), context.RequestAborted);
        await context.Response.CompleteAsync();
        if (answer.Then is { } then)
        {
            // The deferred reply or file follow-ups go out after Discord has its HTTP answer.
            _ = Task.Run(async () =>
            {
                try
                {
                    await then(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Could not complete Discord interaction {Id}: {Error}", interaction.Id, e.Message);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// Discord refuses a multipart answer to the HTTP request itself, so files that belong to the first answer go out
    /// right after it as an upload follow-up, as private as the answer.
    /// </summary>
    private static InteractionAnswer FilesAsFollowup(InteractionAnswer answer, Interaction interaction, DiscordRestClient rest)
    {
        if (answer.Files is not { Count: > 0 } files)
        {
            return answer;
        }
        var ephemeral = answer.First.Data?.Flags is { } flags && (flags & InteractionResponse.Ephemeral) != 0;
        var then = answer.Then;
        return new InteractionAnswer(answer.First, async ct =>
        {
            await rest.CreateFollowupMessageAsync(interaction.Token, DiscordReplies.FileMessage(ephemeral), files, ct);
            if (then is not null)
            {
                await then(ct);
            }
        });
    }

    /// <summary>Ed25519 over timestamp + raw body, with the application's public key.</summary>
    internal static bool Verify(PublicKey key, string? signatureHex, string? timestamp, byte[] body)
    {
        if (signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp) || timestamp.Length > 64 || !signatureHex.All(Uri.IsHexDigit))
        {
            return false;
        }
        var stamp = System.Text.Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[stamp.Length + body.Length];
        stamp.CopyTo(signed, 0);
        body.CopyTo(signed, stamp.Length);
        return SignatureAlgorithm.Ed25519.Verify(key, signed, Convert.FromHexString(signatureHex));
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBody)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
