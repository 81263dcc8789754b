using System.Globalization;
using NewsBot.Commands;
using NewsBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Polling;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace NewsBot.Telegram;

/// <summary>
/// Turns Telegram updates into calls of the platform-neutral <see cref="CommandHandler"/> and renders its replies:
/// commands in messages and channel posts, button presses (callback queries) and the bot's own membership changes.
/// </summary>
public sealed class TelegramUpdates(
    TelegramBotClient bot,
    TelegramBotInfo me,
    CommandHandler commands,
    TelegramAdmins admins,
    TelegramCallbackData callbacks,
    TelegramMembership membership,
    TelegramRateLimiter limiter,
    TelegramSender sender,
    TelegramChannelTarget channels,
    ILogger<TelegramUpdates> logger) : IUpdateHandler
{
    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        try
        {
            if (update.Message is { } message)
            {
                await OnMessageAsync(message, ct);
            }
            else if (update.ChannelPost is { } post)
            {
                await OnMessageAsync(post, ct);
            }
            else if (update.CallbackQuery is { } query)
            {
                await OnCallbackAsync(query, ct);
            }
            else if (update.MyChatMember is { } member)
            {
                await membership.OnMyChatMemberAsync(member, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Telegram update {Id} failed", update.Id);
        }
    }

    private async Task OnMessageAsync(Message message, CancellationToken ct)
    {
        if (message.MigrateToChatId is { } newId)
        {
            await membership.MoveAsync(message.Chat.Id, newId, ct);
            return;
        }
        var username = await me.UsernameAsync(ct);
        if (TelegramCommandLine.Parse(message.Text ?? message.Caption, username) is not { } command)
        {
            return;
        }
        var context = await ContextAsync(message.Chat, message.From, message.SenderChat, message.IsTopicMessage ? message.MessageThreadId : null, command.Name, ct);
        var arguments = command.Arguments;
        if (await channels.ResolveAsync(message.Chat, message.From, command.Name, arguments, context.Language, ct) is { } managed)
        {
            if (managed.Refusal is { } refusal)
            {
                await ReplyAsync(message.Chat.Id, context, refusal, message.Id, ct);
                return;
            }
            // The answer comes here, to the private chat; the channel is what changes. Its buttons would act on this
            // private chat, so they are left off, and a preview is not posted into the channel.
            var (channelContext, rest, _) = managed;
            var channelReply = await RunAsync(channelContext!, command.Name, rest, ct);
            await ReplyAsync(message.Chat.Id, context, channelReply with { PostList = [], Choices = null }, message.Id, ct);
            return;
        }
        if (message.Document is { } document)
        {
            context = context with { Attachment = await DownloadAsync(document, ct) };
        }
        var reply = await RunAsync(context, command.Name, arguments, ct);
        await ReplyAsync(message.Chat.Id, context, reply, message.Id, ct);
    }

    private async Task OnCallbackAsync(CallbackQuery query, CancellationToken ct)
    {
        var line = callbacks.Decode(query.Data);
        if (line is null || query.Message is not { } message)
        {
            await bot.AnswerCallbackQuery(query.Id, Texts.Pick(Language(query.From), "This button has expired; send the command again.", "按钮已过期，请重新发送命令。"), cancellationToken: ct);
            return;
        }
        var (name, arguments) = CommandHandler.SplitFirst(line);
        var context = await ContextAsync(message.Chat, query.From, null, message.IsTopicMessage ? message.MessageThreadId : null, name, ct);
        var reply = await RunAsync(context, name, arguments, ct);
        await bot.AnswerCallbackQuery(query.Id, cancellationToken: ct);
        var pages = TelegramRender.Reply(reply);
        if (pages.Count > 1 || reply.File is not null)
        {
            await ReplyAsync(message.Chat.Id, context, reply, null, ct);
            return;
        }
        try
        {
            // The answer replaces the question, so the buttons cannot be pressed twice.
            await limiter.WaitAsync(context.Channel.ExternalId, ct);
            await bot.EditMessageText(message.Chat.Id, message.Id, pages[0].Html, ParseMode.Html, replyMarkup: Keyboard(reply, last: true), cancellationToken: ct);
        }
        catch (ApiRequestException e)
        {
            logger.LogInformation("Could not edit the message with the buttons in {Chat} ({Error}); replying instead", message.Chat.Id, e.Message);
            await ReplyAsync(message.Chat.Id, context, reply, null, ct);
        }
    }

    private async Task<CommandContext> ContextAsync(Chat chat, User? from, Chat? senderChat, int? thread, string command, CancellationToken ct)
    {
        var channel = new ChannelRef(Platforms.Telegram, chat.Id.ToString(CultureInfo.InvariantCulture), thread?.ToString(CultureInfo.InvariantCulture) ?? "");
        var isAdmin = chat.Type switch
        {
            ChatType.Private => true,
            // Only administrators post in a channel; in a group, an anonymous administrator posts as the group itself.
            ChatType.Channel => true,
            _ when senderChat?.Id == chat.Id => true,
            _ when from is not null && (CommandHandler.Changing.Contains(command) || command == "opml") => await admins.IsAdminAsync(chat.Id, from.Id, ct),
            _ => false,
        };
        var title = chat.Title ?? chat.Username ?? from?.Username;
        return new CommandContext(channel, from?.Id.ToString(CultureInfo.InvariantCulture) ?? chat.Id.ToString(CultureInfo.InvariantCulture), isAdmin, Language(from), title);
    }

    /// <summary>A file sent with a command (an OPML to import); small files only, since they are read into memory.</summary>
    private async Task<ReplyFile?> DownloadAsync(Document document, CancellationToken ct)
    {
        if (document.FileSize is > MaxAttachment)
        {
            return null;
        }
        try
        {
            using var content = new MemoryStream();
            await bot.GetInfoAndDownloadFile(document.FileId, content, ct);
            return content.Length > MaxAttachment ? null : new ReplyFile(document.FileName ?? "file", document.MimeType ?? "application/octet-stream", content.ToArray());
        }
        catch (RequestException e)
        {
            logger.LogWarning("Could not download the file sent with a command: {Error}", e.Message);
            return null;
        }
    }

    private const long MaxAttachment = 2 * 1024 * 1024;

    private async Task<CommandReply> RunAsync(CommandContext context, string name, string arguments, CancellationToken ct)
    {
        try
        {
            return await commands.HandleAsync(context, name, arguments, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Command /{Command} in Telegram chat {Chat} failed", name, context.Channel.ExternalId);
            return new CommandReply(Texts.Pick(context.Language, "Something went wrong; please try again later.", "出错了，请稍后再试。"));
        }
    }

    private async Task ReplyAsync(long chatId, CommandContext context, CommandReply reply, int? replyTo, CancellationToken ct)
    {
        var thread = int.TryParse(context.Channel.ThreadId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : (int?)null;
        var replyParameters = replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        var pages = TelegramRender.Reply(reply);
        var preview = new LinkPreviewOptions { IsDisabled = reply.ArticleList.Count == 0 };
        try
        {
            for (var i = 0; i < pages.Count; i++)
            {
                await limiter.WaitAsync(context.Channel.ExternalId, ct);
                var last = i == pages.Count - 1;
                try
                {
                    await bot.SendMessage(chatId, pages[i].Html, ParseMode.Html, i == 0 ? replyParameters : null, Keyboard(reply, last), preview, thread, cancellationToken: ct);
                }
                catch (ApiRequestException e) when (TelegramSender.IsBadHtml(e))
                {
                    logger.LogWarning("Telegram refused the HTML of a reply in {Chat} ({Error}); sending plain text", chatId, e.Message);
                    await bot.SendMessage(chatId, pages[i].Plain, ParseMode.None, i == 0 ? replyParameters : null, Keyboard(reply, last), preview, thread, cancellationToken: ct);
                }
            }
            // A preview's posts go exactly as the chat's posts would: media, template, silence and all.
            foreach (var post in reply.PostList)
            {
                var here = new NewsBot.Storage.ChatChannel { Platform = context.Channel.Platform, ExternalId = context.Channel.ExternalId, ThreadId = context.Channel.ThreadId, TimeZone = reply.PostZone };
                var outcome = await sender.SendAsync(here, post, "", ct);
                if (outcome.Status != NewsBot.Delivery.SendStatus.Sent)
                {
                    logger.LogWarning("A preview post in Telegram chat {Chat} was not sent: {Error}", chatId, outcome.Error);
                    break;
                }
            }
            if (reply.File is { } file)
            {
                await limiter.WaitAsync(context.Channel.ExternalId, ct);
                using var content = new MemoryStream(file.Content);
                await bot.SendDocument(chatId, InputFile.FromStream(content, file.Name), messageThreadId: thread, cancellationToken: ct);
            }
        }
        catch (ApiRequestException e)
        {
            logger.LogWarning("Could not reply in Telegram chat {Chat}: {Error}", chatId, e.Message);
        }
        catch (RequestException e)
        {
            logger.LogWarning("Could not reach Telegram to reply in chat {Chat}: {Error}", chatId, e.Message);
        }
    }

    private InlineKeyboardMarkup? Keyboard(CommandReply reply, bool last)
    {
        if (!last || reply.ChoiceList.Count == 0)
        {
            return null;
        }
        return new InlineKeyboardMarkup(reply.ChoiceList.Take(100).Select(c =>
            new[] { InlineKeyboardButton.WithCallbackData(TelegramText.Shorten(c.Label, 64), callbacks.Encode(c.Command)) }));
    }

    private static string Language(User? user) =>
        user?.LanguageCode is { } code && code.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : "en";

    Task IUpdateHandler.HandleUpdateAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken) =>
        HandleAsync(update, cancellationToken);

    /// <summary>Polling errors: a 409 means another poller or a webhook owns this token; say so, and back off.</summary>
    async Task IUpdateHandler.HandleErrorAsync(ITelegramBotClient botClient, Exception exception, HandleErrorSource source, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(3);
        switch (exception)
        {
            case ApiRequestException { ErrorCode: 409 } e:
                logger.LogError("Telegram getUpdates conflict (409): {Error}. Another instance is polling with this bot token, or a webhook is set; run one poller per token, or set Telegram:Mode to Webhook", e.Message);
                wait = TimeSpan.FromSeconds(10);
                break;
            case ApiRequestException { ErrorCode: 401 or 404 } e:
                logger.LogError("Telegram refused the bot token ({Error}); check Telegram:BotToken", e.Message);
                wait = TimeSpan.FromMinutes(1);
                break;
            case ApiRequestException { ErrorCode: 429 } e:
                wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 5));
                break;
            default:
                logger.LogWarning("Telegram polling error ({Source}): {Error}", source, exception.Message);
                break;
        }
        await Task.Delay(wait, cancellationToken);
    }
}
