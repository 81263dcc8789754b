using System.Collections.Concurrent;
using System.Globalization;
using NewsBot.Discord;
using NewsBot.Discord.Rest;

namespace NewsBot.DiscordBot;

/// <summary>
/// What the gateway told us about guilds (their system channel), and the one notice a guild gets when the bot
/// loses a channel, so that someone learns why posts stopped without the bot repeating itself.
/// </summary>
public sealed class GuildDirectory(DiscordRestClient rest, ILogger<GuildDirectory> logger)
{
    private readonly ConcurrentDictionary<ulong, ulong> _systemChannels = new();
    private readonly ConcurrentDictionary<ulong, byte> _told = new();

    public void SetSystemChannel(ulong guildId, ulong? channelId)
    {
        if (channelId is { } id)
        {
            _systemChannels[guildId] = id;
        }
        else
        {
            _systemChannels.TryRemove(guildId, out _);
        }
    }

    public void Forget(ulong guildId) => _systemChannels.TryRemove(guildId, out _);

    /// <summary>Best effort, once per lost channel: a notice in the guild's system channel.</summary>
    public async Task TellGuildAsync(string? guildId, ulong lostChannel, string reason, CancellationToken ct)
    {
        if (!ulong.TryParse(guildId, NumberStyles.None, CultureInfo.InvariantCulture, out var guild)
            || !_systemChannels.TryGetValue(guild, out var system) || system == lostChannel || !_told.TryAdd(lostChannel, 0))
        {
            return;
        }
        var text = $"NewsBot can no longer post in <#{lostChannel}> ({reason}), so its subscriptions there are paused. " +
            "Give the bot View Channel, Send Messages and Embed Links in that channel, then run /subscribe there again.\n" +
            $"NewsBot 无法再在 <#{lostChannel}> 发消息（{reason}），该频道的订阅已暂停。请给机器人查看频道、发送消息和嵌入链接权限，然后在该频道重新 /subscribe。";
        try
        {
            await rest.CreateMessageAsync(system, new MessageRequest { Content = text, AllowedMentions = AllowedMentions.None }, ct);
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogInformation("Could not tell guild {Guild} about channel {Channel}: {Error}", guild, lostChannel, e.Message);
        }
    }
}
