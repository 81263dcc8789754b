using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NewsBot.Telegram;

/// <summary>The webhook endpoint: checks Telegram's secret header, queues the update and answers at once.</summary>
public static class TelegramWebhook
{
    private const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";
    private const int MaxBody = 1 << 20;

    /// <summary>Maps the webhook path when Telegram is configured in webhook mode; does nothing otherwise.</summary>
    public static WebApplication MapTelegram(this WebApplication app)
    {
        var options = app.Services.GetService<TelegramOptions>();
        if (options is not { Enabled: true, Mode: TelegramMode.Webhook })
        {
            return app;
        }
        app.MapPost(options.WebhookPath, async (HttpContext ctx, TelegramBotService service) =>
        {
            if (!SecretMatches(ctx.Request.Headers[SecretHeader].ToString(), options.WebhookSecret!))
            {
                return Results.Unauthorized();
            }
            if (ctx.Request.ContentLength > MaxBody)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(ctx.Request.Body, JsonBotAPI.Options, ctx.RequestAborted);
            }
            catch (JsonException)
            {
                return Results.BadRequest("not a Telegram update");
            }
            if (update is null)
            {
                return Results.BadRequest("not a Telegram update");
            }
            return service.Accept(update) ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    private static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
