namespace NewsBot.Storage;

/// <summary>When a channel's digest goes out: a Quartz cron expression in the channel's time zone.</summary>
public sealed class DigestSchedule
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public ChatChannel? Channel { get; set; }
    public required string Cron { get; set; }
    public required string TimeZone { get; set; }
    public DateTime? LastSentAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
