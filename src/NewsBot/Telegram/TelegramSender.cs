using System.Globalization;
using NewsBot.Delivery;
using NewsBot.Display;
using NewsBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using ChatChannel = NewsBot.Storage.ChatChannel;

namespace NewsBot.Telegram;

/// <summary>
/// Posts to Telegram chats, channels and forum topics, rendered with the subscription's display settings. Each post
/// is tried with its media (<c>TelegramSender.Media</c>: by URL, then uploaded), then as a text message with a link
/// preview, then, if Telegram could not parse the HTML, as plain text; whatever Telegram answers is reported as a
/// <see cref="SendOutcome"/> for the delivery worker.
/// </summary>
public sealed partial class TelegramSender(TelegramBotClient bot, TelegramRateLimiter limiter, TelegramOptions options, MediaDownloader downloader, ILogger<TelegramSender> logger) : IChannelSender
{
    public string Platform => Platforms.Telegram;

    public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
    {
        var zone = TelegramRender.Zone(channel.TimeZone);
        var target = Target.Of(channel);
        var display = post.Display;
        var silent = display.SilentOrDefault;
        var template = TelegramRender.TemplateOf(post);
        var attempts = MediaAttempts(target, post, zone, template, silent);
        var html = TelegramRender.Post(post, zone, TelegramText.MaxText, template);
        var preview = Preview(post);
        attempts.Add(Attempt.Of(Kind.Html, token => bot.SendMessage(target.Chat, html.Html, ParseMode.Html, linkPreviewOptions: preview,
            messageThreadId: target.Thread, disableNotification: silent, cancellationToken: token)));
        var plain = TelegramRender.PlainPost(post, zone, TelegramText.MaxText, template);
        attempts.Add(Attempt.Of(Kind.Plain, token => bot.SendMessage(target.Chat, plain, ParseMode.None, linkPreviewOptions: preview,
            messageThreadId: target.Thread, disableNotification: silent, cancellationToken: token)));
        return RunAsync(target, attempts, ct);
    }

    /// <summary>The link preview under a text post: off when the channel said so; large when the article has an image to show.</summary>
    private static LinkPreviewOptions Preview(Post post) =>
        post.Display.PreviewOrDefault && TelegramText.SafeUrl(post.Url) is { } url
            ? new LinkPreviewOptions { Url = url, PreferLargeMedia = post.ShownMedia.Count > 0 }
            : new LinkPreviewOptions { IsDisabled = true };

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        var target = Target.Of(channel);
        var text = TelegramRender.Digest(page, TelegramRender.Zone(channel.TimeZone));
        var noPreview = new LinkPreviewOptions { IsDisabled = true };
        // A digest is the channel's own message: its default silence applies, as to every post there.
        var silent = DisplaySettings.FromJson(channel.Display).SilentOrDefault;
        return RunAsync(target,
        [
            Attempt.Of(Kind.Html, token => bot.SendMessage(target.Chat, text.Html, ParseMode.Html, linkPreviewOptions: noPreview, messageThreadId: target.Thread,
                disableNotification: silent, cancellationToken: token)),
            Attempt.Of(Kind.Plain, token => bot.SendMessage(target.Chat, TelegramText.Shorten(text.Plain, TelegramText.MaxText), ParseMode.None, linkPreviewOptions: noPreview,
                messageThreadId: target.Thread, disableNotification: silent, cancellationToken: token)),
        ], ct);
    }

    public bool FitsOneMessage(DigestPage page) => TelegramRender.Fits(page);

    /// <summary>A lost forum topic's notice goes to the group's General topic; a chat that lost the bot cannot be told.</summary>
    public Task<SendOutcome> SendNoticeAsync(ChatChannel channel, Notice notice, CancellationToken ct)
    {
        if (notice.Kind != NoticeKind.ChannelLost)
        {
            return NotifyAsync(channel, notice.Text, ct);
        }
        if (Target.Of(channel).Thread is null)
        {
            return Task.FromResult(new SendOutcome(SendStatus.Rejected, Error: "a Telegram chat that lost the bot cannot be told"));
        }
        return NotifyAsync(new ChatChannel { Platform = channel.Platform, ExternalId = channel.ExternalId }, notice.Text, ct);
    }

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct)
    {
        var target = Target.Of(channel);
        var plain = TelegramText.Shorten(text, TelegramText.MaxText);
        return RunAsync(target,
        [
            Attempt.Of(Kind.Plain, token => bot.SendMessage(target.Chat, plain, ParseMode.None, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, messageThreadId: target.Thread, cancellationToken: token)),
        ], ct);
    }

    private enum Kind
    {
        /// <summary>Media by URL: Telegram fetches it.</summary>
        Media,
        /// <summary>Media the bot fetched and uploads; its Send answers null when the download failed.</summary>
        Upload,
        Html,
        Plain,
    }

    private sealed record Attempt(Kind Kind, Func<CancellationToken, Task<Message?>> Send)
    {
        public static Attempt Of(Kind kind, Func<CancellationToken, Task<Message>> send) => new(kind, async token => await send(token));
    }

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
        using var onTheWire = new CancellationTokenSource();
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            // Each attempt gets the whole wait (an upload its downloads' time too): a slow first try must not leave the
            // text fallback too little time, which would turn a post the next try could send into a retry.
            onTheWire.CancelAfter(attempt.Kind == Kind.Upload ? WireTimeout + downloader.Budget : WireTimeout);
            try
            {
                var message = await attempt.Send(onTheWire.Token);
                if (message is null)
                {
                    continue;
                }
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
                else if (attempt.Kind == Kind.Media)
                {
                    logger.LogInformation("Telegram could not use the media URL for {Chat} ({Error}); uploading the file instead", target.Key, e.Message);
                }
                else
                {
                    logger.LogInformation("Telegram refused the uploaded media for {Chat} ({Error}); sending the post without it", target.Key, e.Message);
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
