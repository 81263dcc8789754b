namespace NewsBot.Storage;

public enum DeliveryMode
{
    Immediate = 0,
    Digest = 1,
}

/// <summary>A channel following a feed (FeedId set) or a topic across the whole catalog (Topic set).</summary>
public sealed class Subscription
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public ChatChannel? Channel { get; set; }
    public long? FeedId { get; set; }
    public Feed? Feed { get; set; }
    /// <summary>Keywords or a saved query; set for topic subscriptions.</summary>
    public string? Topic { get; set; }
    /// <summary>Include/exclude keywords, quoted phrases or /regex/; null passes everything.</summary>
    public string? Filter { get; set; }
    public DeliveryMode Mode { get; set; }
    /// <summary>This subscription's display settings as JSON (<see cref="NewsBot.Display.DisplaySettings"/>); unset fields take the channel's.</summary>
    public string? Display { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When an admin paused this subscription alone: articles arriving from then until it resumes are not routed here.</summary>
    public DateTime? PausedAt { get; set; }
}
