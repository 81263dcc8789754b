using System.Globalization;
using NewsBot.Delivery;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using ChatChannel = NewsBot.Storage.ChatChannel;

namespace NewsBot.Telegram;

public sealed partial class TelegramSender
{
    /// <summary>
    /// A text post is edited with editMessageText; a photo post has no text, only a caption, and Telegram says so, so the
    /// caption is edited instead. Telegram refuses an edit that changes nothing: the message already shows the post.
    /// </summary>
    public async Task<SendOutcome> EditAsync(ChatChannel channel, string messageId, Post post, CancellationToken ct)
    {
        if (!int.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new SendOutcome(SendStatus.Rejected, Error: $"'{messageId}' is not a Telegram message id");
        }
        var target = Target.Of(channel);
        var zone = TelegramRender.Zone(channel.TimeZone);
        await limiter.WaitAsync(target.Key, ct);
        using var onTheWire = new CancellationTokenSource(WireTimeout);
        try
        {
            try
            {
                await bot.EditMessageText(target.Chat, id, TelegramRender.Post(post, zone, TelegramText.MaxText).Html, ParseMode.Html,
                    linkPreviewOptions: Preview(post), cancellationToken: onTheWire.Token);
            }
            catch (ApiRequestException e) when (Says(e, "there is no text in the message"))
            {
                await bot.EditMessageCaption(target.Chat, id, TelegramRender.Post(post, zone, TelegramText.MaxCaption).Html, ParseMode.Html,
                    cancellationToken: onTheWire.Token);
            }
            return SendOutcome.Ok(messageId);
        }
        catch (ApiRequestException e) when (Says(e, "message is not modified"))
        {
            return SendOutcome.Ok(messageId);
        }
        catch (ApiRequestException e)
        {
            return Classify(target, e) is { Status: not SendStatus.Moved } outcome ? outcome : new SendOutcome(SendStatus.Rejected, Error: Describe(e));
        }
        catch (RequestException e)
        {
            return new SendOutcome(SendStatus.Retry, Error: $"Telegram unreachable: {e.Message}");
        }
        catch (OperationCanceledException) when (onTheWire.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.Retry, Error: "Telegram did not answer in time");
        }
    }

    private static bool Says(ApiRequestException e, string words) =>
        e.ErrorCode == 400 && e.Message.Contains(words, StringComparison.OrdinalIgnoreCase);
}
