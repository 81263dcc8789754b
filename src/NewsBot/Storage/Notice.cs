namespace NewsBot.Storage;

public enum NoticeKind
{
    /// <summary>A feed the channel follows keeps failing; NewsBot keeps retrying.</summary>
    FeedFailing = 1,
    /// <summary>A feed the channel follows is no longer checked.</summary>
    FeedDisabled = 2,
    /// <summary>The bot lost the channel itself: the notice goes where the platform still lets it speak (a Discord guild's system channel).</summary>
    ChannelLost = 3,
}

/// <summary>
/// One service notice to one channel's people, an outbox row of its own kind: written in the same commit as the change
/// it reports (the feed's failure, the channel's pause), then claimed, sent once and recorded by the delivery worker.
/// <see cref="Key"/> names the event, unique per channel, so an event recorded twice is still one notice.
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public ChatChannel? Channel { get; set; }
    public NoticeKind Kind { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
    /// <summary>Pending, Sent or Failed.</summary>
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>Kept across retries: Discord drops a repeated nonce instead of posting the notice twice.</summary>
    public required string Nonce { get; set; }
    public string? PlatformMessageId { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    public static Notice For(long channelId, NoticeKind kind, string key, string text, DateTime now) => new()
    {
        ChannelId = channelId,
        Kind = kind,
        Key = key.Length > 200 ? key[..200] : key,
        Text = text,
        State = OutboxState.Pending,
        NextAttemptAt = now,
        Nonce = Guid.NewGuid().ToString("N")[..20],
        CreatedAt = now,
    };
}
