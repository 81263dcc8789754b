using System.Globalization;
using NewsBot.Delivery;
using NewsBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using ChatChannel = NewsBot.Storage.ChatChannel;

namespace NewsBot.Telegram;

/// <summary>
/// Posts to Telegram chats, channels and forum topics. Each post is tried as a photo with caption (when the visible
/// text fits 1024), then as a text message with a link preview, then, if Telegram could not parse the HTML, as
/// plain text; whatever Telegram answers is reported as a <see cref="SendOutcome"/> for the delivery worker.
/// </summary>
public sealed partial class TelegramSender(TelegramBotClient bot, TelegramRateLimiter limiter, TelegramOptions options, ILogger<TelegramSender> logger) : IChannelSender
{
    public string Platform => Platforms.Telegram;

    public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
    {
        var zone = TelegramRender.Zone(channel.TimeZone);
        var target = Target.Of(channel);
        var attempts = new List<Attempt>();
        var image = TelegramText.SafeUrl(post.ImageUrl);
        if (image is not null)
        {
            var caption = TelegramRender.Post(post, zone, int.MaxValue);
            if (caption.VisibleLength <= TelegramText.MaxCaption)
            {
                attempts.Add(new Attempt(Kind.Photo, token => bot.SendPhoto(target.Chat, InputFile.FromUri(image), caption.Html, ParseMode.Html,
                    messageThreadId: target.Thread, cancellationToken: token)));
            }
        }
        var html = TelegramRender.Post(post, zone, TelegramText.MaxText);
        var preview = TelegramText.SafeUrl(post.Url) is { } url
            ? new LinkPreviewOptions { Url = url, PreferLargeMedia = image is not null }
            : new LinkPreviewOptions { IsDisabled = true };
        attempts.Add(new Attempt(Kind.Html, token => bot.SendMessage(target.Chat, html.Html, ParseMode.Html, linkPreviewOptions: preview,
            messageThreadId: target.Thread, cancellationToken: token)));
        var plain = TelegramRender.PlainPost(post, zone, TelegramText.MaxText);
        attempts.Add(new Attempt(Kind.Plain, token => bot.SendMessage(target.Chat, plain, ParseMode.None, linkPreviewOptions: preview,
            messageThreadId: target.Thread, cancellationToken: token)));
        return RunAsync(target, attempts, ct);
    }

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        var target = Target.Of(channel);
        var text = TelegramRender.Digest(page, TelegramRender.Zone(channel.TimeZone));
        var noPreview = new LinkPreviewOptions { IsDisabled = true };
        return RunAsync(target,
        [
            new Attempt(Kind.Html, token => bot.SendMessage(target.Chat, text.Html, ParseMode.Html, linkPreviewOptions: noPreview, messageThreadId: target.Thread, cancellationToken: token)),
            new Attempt(Kind.Plain, token => bot.SendMessage(target.Chat, TelegramText.Shorten(text.Plain, TelegramText.MaxText), ParseMode.None, linkPreviewOptions: noPreview, messageThreadId: target.Thread, cancellationToken: token)),
        ], ct);
    }

    public bool FitsOneMessage(DigestPage page) => TelegramRender.Fits(page);

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct)
    {
        var target = Target.Of(channel);
        var plain = TelegramText.Shorten(text, TelegramText.MaxText);
        return RunAsync(target,
        [
            new Attempt(Kind.Plain, token => bot.SendMessage(target.Chat, plain, ParseMode.None, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, messageThreadId: target.Thread, cancellationToken: token)),
        ], ct);
    }

    private enum Kind
    {
        Photo,
        Html,
        Plain,
    }

    private sealed record Attempt(Kind Kind, Func<CancellationToken, Task<Message>> Send);

    internal sealed record Target(string Key, ChatId Chat, int? Thread)
    {
        public static Target Of(ChatChannel channel) => new(
            channel.ExternalId,
            long.TryParse(channel.ExternalId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? new ChatId(id) : new ChatId(channel.ExternalId),
            int.TryParse(channel.ThreadId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var thread) && thread > 0 ? thread : null);
    }

    private async Task<SendOutcome> RunAsync(Target target, List<Attempt> attempts, CancellationToken ct)
    {
        // The wait for a slot may be cut short by shutdown; a request already on the wire is not, so whatever
        // Telegram accepted is reported (and recorded) rather than sent again after a restart.
        await limiter.WaitAsync(target.Key, ct);
        using var onTheWire = new CancellationTokenSource(WireTimeout);
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            try
            {
                var message = await attempt.Send(onTheWire.Token);
                return SendOutcome.Ok(message.Id.ToString(CultureInfo.InvariantCulture));
            }
            catch (ApiRequestException e)
            {
                var outcome = Classify(target, e);
                if (outcome is not null)
                {
                    return outcome;
                }
                if (i == attempts.Count - 1)
                {
                    return new SendOutcome(SendStatus.Rejected, Error: Describe(e));
                }
                if (attempt.Kind == Kind.Html || IsBadHtml(e))
                {
                    logger.LogWarning("Telegram refused the HTML of a message to {Chat} ({Error}); sending it as plain text", target.Key, e.Message);
                    i = attempts.FindIndex(a => a.Kind == Kind.Plain) - 1;
                }
                else
                {
                    logger.LogInformation("Telegram refused a photo for {Chat} ({Error}); sending text with a link preview instead", target.Key, e.Message);
                }
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
        return new SendOutcome(SendStatus.Retry, Error: "no attempt was made");
    }

    private TimeSpan WireTimeout => TimeSpan.FromSeconds(45 + (options.RetryThreshold * Math.Max(0, options.RetryCount - 1)));

    /// <summary>The outcome for errors that decide the delivery; null when the next, simpler attempt may succeed.</summary>
    private SendOutcome? Classify(Target target, ApiRequestException e)
    {
        var description = e.Message;
        switch (e.ErrorCode)
        {
            case 429:
                var wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 5));
                limiter.Block(target.Key, wait);
                logger.LogWarning("Telegram rate limit for {Chat}: retry after {Seconds}s", target.Key, wait.TotalSeconds);
                return new SendOutcome(SendStatus.Retry, Error: Describe(e), RetryAfter: wait);
            case 403:
                return new SendOutcome(SendStatus.ChannelGone, Error: Describe(e));
            case 400 when e.Parameters?.MigrateToChatId is { } newId:
                return new SendOutcome(SendStatus.Moved, Error: Describe(e), NewExternalId: newId.ToString(CultureInfo.InvariantCulture));
            case 400 when IsGone(description):
                return new SendOutcome(SendStatus.ChannelGone, Error: Describe(e));
            case 400:
                return null;
            case 401 or 404:
                logger.LogError("Telegram refused the bot token ({Error}); check Telegram:BotToken", description);
                return new SendOutcome(SendStatus.Retry, Error: Describe(e), RetryAfter: TimeSpan.FromMinutes(5));
            default:
                return new SendOutcome(SendStatus.Retry, Error: Describe(e));
        }
    }

    internal static bool IsBadHtml(ApiRequestException e) =>
        e.ErrorCode == 400 && e.Message.Contains("can't parse entities", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] GoneMarkers =
    [
        "chat not found", "thread not found", "topic_closed", "topic_deleted", "not enough rights", "have no rights",
        "need administrator rights", "chat_write_forbidden", "chat_restricted", "user is deactivated",
    ];

    private static bool IsGone(string description) =>
        GoneMarkers.Any(m => description.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static string Describe(ApiRequestException e) => $"Telegram {e.ErrorCode}: {e.Message}";
}
