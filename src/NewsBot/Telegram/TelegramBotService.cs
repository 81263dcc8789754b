using System.Threading.Channels;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NewsBot.Telegram;

/// <summary>
/// Starts Telegram: getMe, the command menu, then either the client's long-polling receive loop or, in webhook
/// mode, setWebhook and the queue the webhook endpoint fills. Start-up calls are retried until Telegram answers,
/// so the rest of the bot runs while Telegram is unreachable.
/// </summary>
public sealed class TelegramBotService(
    TelegramBotClient bot,
    TelegramOptions options,
    TelegramBotInfo me,
    TelegramUpdates updates,
    ILogger<TelegramBotService> logger) : BackgroundService
{
    internal static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.ChannelPost, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    private readonly Channel<Update> _webhookQueue = Channel.CreateBounded<Update>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an update the webhook received; false when the queue is full (Telegram sends it again).</summary>
    public bool Accept(Update update) => _webhookQueue.Writer.TryWrite(update);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartUpAsync(stoppingToken);
        if (options.Mode == TelegramMode.Webhook)
        {
            await foreach (var update in _webhookQueue.Reader.ReadAllAsync(stoppingToken))
            {
                await updates.HandleAsync(update, stoppingToken);
            }
            return;
        }
        var receiver = new ReceiverOptions { AllowedUpdates = Wanted };
        await new PollingClient(bot, options.PollTimeout).ReceiveAsync(updates, receiver, stoppingToken);
    }

    private async Task StartUpAsync(CancellationToken ct)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var user = await bot.GetMe(ct);
                me.Set(user.Username ?? "");
                await TelegramCommandMenu.RegisterAsync(bot, ct);
                if (options.Mode == TelegramMode.Webhook)
                {
                    await bot.SetWebhook(options.WebhookUrl!, allowedUpdates: Wanted, secretToken: options.WebhookSecret, cancellationToken: ct);
                }
                else
                {
                    // A webhook left from an earlier deployment would make every getUpdates fail with 409.
                    await bot.DeleteWebhook(dropPendingUpdates: false, ct);
                }
                logger.LogInformation("Telegram ready as @{Username} ({Mode})", user.Username, options.Mode);
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
            {
                logger.LogError("Telegram refused the bot token ({Error}); check Telegram:BotToken", e.Message);
                wait = TimeSpan.FromMinutes(5);
            }
            catch (RequestException e)
            {
                logger.LogWarning("Telegram start-up failed ({Error}); retrying in {Seconds}s", e.Message, wait.TotalSeconds);
            }
            await Task.Delay(wait, ct);
            wait = TimeSpan.FromSeconds(Math.Min(60, wait.TotalSeconds * 2));
        }
    }
}
