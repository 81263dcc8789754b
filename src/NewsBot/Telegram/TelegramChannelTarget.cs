using System.Globalization;
using System.Text.RegularExpressions;
using NewsBot.Commands;
using NewsBot.Storage;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NewsBot.Telegram;

/// <summary>
/// `/subscribe @channel &lt;url&gt;` (and /unsubscribe, /list, /set) sent in a private chat manage a Telegram channel: a
/// channel has no members to type commands. Allowed when Telegram says the sender administers the channel and the
/// bot is an administrator there that may post; every check is made again on each command.
/// </summary>
public sealed partial class TelegramChannelTarget(TelegramBotClient bot, TelegramAdmins admins, ILogger<TelegramChannelTarget> logger)
{
    private static readonly HashSet<string> Commands = ["subscribe", "unsubscribe", "list", "set"];

    [GeneratedRegex(@"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,15})$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();

    /// <summary>The channel's context and the rest of the arguments; a reply instead when the checks fail; null when the command names no channel.</summary>
    public async Task<(CommandContext? Context, string Arguments, CommandReply? Refusal)?> ResolveAsync(Chat chat, User? from, string command, string arguments, string language, CancellationToken ct)
    {
        if (chat.Type != ChatType.Private || from is null || !Commands.Contains(command))
        {
            return null;
        }
        var (first, rest) = CommandHandler.SplitFirst(arguments);
        if (!ChannelPattern().IsMatch(first))
        {
            return null;
        }
        ChatFullInfo target;
        try
        {
            target = await bot.GetChat(first.StartsWith('@') ? new ChatId(first) : new ChatId(long.Parse(first, CultureInfo.InvariantCulture)), ct);
        }
        catch (ApiRequestException e)
        {
            logger.LogInformation("Could not find Telegram chat {Chat} for user {User}: {Error}", first, from.Id, e.Message);
            return (null, rest, Refuse(language, $"I cannot see {first}. Add me to the channel as an administrator first.", $"我看不到 {first}。请先把我加为该频道的管理员。"));
        }
        if (target.Type != ChatType.Channel)
        {
            return (null, rest, Refuse(language, $"{first} is not a channel; send the command in that group itself.", $"{first} 不是频道；请直接在该群组里发送命令。"));
        }
        if (!await admins.IsAdminAsync(target.Id, from.Id, ct))
        {
            return (null, rest, Refuse(language, $"Only administrators of {first} can change what it receives.", $"只有 {first} 的管理员才能修改它的订阅。"));
        }
        if (!await BotMayPostAsync(target.Id, ct))
        {
            return (null, rest, Refuse(language, $"I am not an administrator of {first} allowed to post messages. Make me one, then try again.",
                $"我还不是 {first} 中可以发布消息的管理员。请设置后再试。"));
        }
        var channel = new ChannelRef(Platforms.Telegram, target.Id.ToString(CultureInfo.InvariantCulture), "");
        return (new CommandContext(channel, from.Id.ToString(CultureInfo.InvariantCulture), IsAdmin: true, language, target.Title ?? target.Username), rest, null);
    }

    private async Task<bool> BotMayPostAsync(long channelId, CancellationToken ct)
    {
        try
        {
            var me = await bot.GetMe(ct);
            return await bot.GetChatMember(channelId, me.Id, ct) is ChatMemberAdministrator { CanPostMessages: true } or ChatMemberOwner;
        }
        catch (RequestException e)
        {
            logger.LogWarning("Could not check the bot's rights in Telegram channel {Chat}: {Error}", channelId, e.Message);
            return false;
        }
    }

    private static CommandReply Refuse(string language, string en, string zh) => new(Texts.Pick(language, en, zh), Private: true);
}
