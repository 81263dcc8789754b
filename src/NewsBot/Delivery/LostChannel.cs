using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>
/// When the bot loses a channel it pauses it and, where the platform still lets it speak to the same people (a Discord
/// guild's system channel, a Telegram group whose forum topic was deleted), leaves them one notice saying why posts
/// stopped and what to do. A Telegram chat that removed the bot cannot be told anything, so it gets no notice row.
/// </summary>
public static class LostChannel
{
    public static void Pause(NewsBotDb db, ChatChannel channel, string? error, DateTime now)
    {
        channel.PausedAt = now;
        channel.PausedReason = error ?? "the platform refused the bot";
        if (channel.Platform == Platforms.Discord && !string.IsNullOrEmpty(channel.GuildId))
        {
            var text = $"NewsBot can no longer post in <#{channel.ExternalId}> ({channel.PausedReason}), so its subscriptions there are paused. " +
                "Give the bot View Channel, Send Messages and Embed Links in that channel, then run /subscribe there again.\n" +
                $"NewsBot 无法再在 <#{channel.ExternalId}> 发消息（{channel.PausedReason}），该频道的订阅已暂停。请给机器人查看频道、发送消息和嵌入链接权限，然后在该频道重新 /subscribe。";
            db.Notices.Add(Notice.For(channel.Id, NoticeKind.ChannelLost, $"lost:{now:yyyyMMddHHmmssfff}", text, now));
        }
        else if (channel.Platform == Platforms.Telegram && channel.ThreadId.Length > 0)
        {
            // A deleted or closed forum topic: the group itself still hears the bot, in its General topic.
            var text = $"NewsBot can no longer post in topic {channel.ThreadId} of this group ({channel.PausedReason}), so the subscriptions of that topic are paused. " +
                "Run /subscribe inside an open topic to follow the feeds there again.\n" +
                $"NewsBot 无法再在本群的话题 {channel.ThreadId} 中发消息（{channel.PausedReason}），该话题的订阅已暂停。请在一个开放的话题中重新 /subscribe。";
            db.Notices.Add(Notice.For(channel.Id, NoticeKind.ChannelLost, $"lost:{now:yyyyMMddHHmmssfff}", text, now));
        }
    }
}
