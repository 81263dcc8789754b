using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Delivery;
using NewsBot.Storage;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NewsBot.Telegram;

/// <summary>
/// Follows the bot's own membership: removed from a chat pauses that chat's subscriptions (pending posts wait),
/// added back resumes them, and a group upgraded to a supergroup moves to its new id.
/// </summary>
public sealed class TelegramMembership(DbFactory dbs, DeliverySignal signal, TimeProvider time, ILogger<TelegramMembership> logger)
{
    public async Task OnMyChatMemberAsync(ChatMemberUpdated update, CancellationToken ct)
    {
        var chatId = update.Chat.Id.ToString(CultureInfo.InvariantCulture);
        switch (update.NewChatMember.Status)
        {
            case ChatMemberStatus.Kicked or ChatMemberStatus.Left:
                var by = update.From.Username is { } u ? "@" + u : update.From.FirstName;
                await PauseAsync(chatId, $"the bot was removed from the chat by {by}", ct);
                break;
            case ChatMemberStatus.Member or ChatMemberStatus.Administrator or ChatMemberStatus.Creator:
                await ResumeAsync(chatId, ct);
                break;
            case ChatMemberStatus.Restricted when update.NewChatMember is ChatMemberRestricted { IsMember: true, CanSendMessages: true }:
                await ResumeAsync(chatId, ct);
                break;
            case ChatMemberStatus.Restricted:
                await PauseAsync(chatId, "the bot may not send messages in this chat", ct);
                break;
        }
    }

    public async Task PauseAsync(string chatId, string reason, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var n = await db.Channels.Where(c => c.Platform == Platforms.Telegram && c.ExternalId == chatId && c.PausedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PausedAt, now).SetProperty(c => c.PausedReason, reason), ct);
        if (n > 0)
        {
            logger.LogWarning("Telegram chat {Chat} paused: {Reason}", chatId, reason);
        }
    }

    public async Task ResumeAsync(string chatId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var n = await db.Channels.Where(c => c.Platform == Platforms.Telegram && c.ExternalId == chatId && c.PausedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PausedAt, (DateTime?)null).SetProperty(c => c.PausedReason, (string?)null), ct);
        if (n > 0)
        {
            logger.LogInformation("Telegram chat {Chat} resumed: the bot was added back", chatId);
            signal.Wake();
        }
    }

    /// <summary>Moves the chat's rows to the supergroup's id, unless rows for that id exist already (the delivery worker then merges on the next send).</summary>
    public async Task MoveAsync(long from, long to, CancellationToken ct)
    {
        var old = from.ToString(CultureInfo.InvariantCulture);
        var now = to.ToString(CultureInfo.InvariantCulture);
        await using var db = dbs.Create();
        if (await db.Channels.AnyAsync(c => c.Platform == Platforms.Telegram && c.ExternalId == now, ct))
        {
            return;
        }
        var n = await db.Channels.Where(c => c.Platform == Platforms.Telegram && c.ExternalId == old)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExternalId, now), ct);
        if (n > 0)
        {
            logger.LogInformation("Telegram group {Old} became supergroup {New}; its subscriptions moved", old, now);
            signal.Wake();
        }
    }
}
