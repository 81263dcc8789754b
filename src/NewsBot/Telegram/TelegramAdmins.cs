using System.Collections.Concurrent;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace NewsBot.Telegram;

/// <summary>Whether a group member may change the chat's subscriptions; getChatMember answers are kept briefly.</summary>
public sealed class TelegramAdmins(TelegramBotClient bot, TelegramOptions options, TimeProvider time, ILogger<TelegramAdmins> logger)
{
    private readonly ConcurrentDictionary<(long Chat, long User), (bool IsAdmin, DateTimeOffset Until)> _cache = new();

    public async Task<bool> IsAdminAsync(long chatId, long userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((chatId, userId), out var known) && known.Until > now)
        {
            return known.IsAdmin;
        }
        bool isAdmin;
        try
        {
            var member = await bot.GetChatMember(chatId, userId, ct);
            isAdmin = member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
        }
        catch (RequestException e)
        {
            // Unknown means no: a refused change is safer than an unauthorised one.
            logger.LogWarning("Could not check whether user {User} administers chat {Chat}: {Error}", userId, chatId, e.Message);
            return false;
        }
        if (_cache.Count > 50_000)
        {
            _cache.Clear();
        }
        _cache[(chatId, userId)] = (isAdmin, now + options.AdminCacheTime);
        return isAdmin;
    }
}
