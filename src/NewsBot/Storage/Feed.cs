namespace NewsBot.Storage;

/// <summary>One polled URL, shared by every channel that subscribes to it. Its schedule is data, not code.</summary>
public sealed class Feed
{
    public long Id { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    public string? SiteLink { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    /// <summary>The last full document's ttl/skipHours/skipDays (ScheduleHints' stored form), so they still hold after a 304.</summary>
    public string? ScheduleHints { get; set; }
    /// <summary>The feed's own interval (subscription or operator choice); null means Feeds:DefaultInterval.</summary>
    public TimeSpan? Interval { get; set; }
    public DateTime NextCheckAt { get; set; }
    public DateTime? LastCheckedAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public int ErrorCount { get; set; }
    public string? LastError { get; set; }
    /// <summary>The last checks, newest first (<see cref="CheckHistory"/>): time, answer, new items, error.</summary>
    public string? RecentChecks { get; set; }
    public DateTime? FailingSince { get; set; }
    /// <summary>When subscribed channels were told the feed is failing; cleared on success so they are told once per outage.</summary>
    public DateTime? ErrorNotifiedAt { get; set; }
    public DateTime? DisabledAt { get; set; }
    /// <summary>Set after the first successful fetch: items seen then are stored silently, never posted.</summary>
    public DateTime? PrimedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Listed in the operator's catalog (config/catalog.opml): polled for topics even with no subscriber, kept when the last one leaves.</summary>
    public bool IsCatalog { get; set; }

    /// <summary>Whether items are summarized from their article pages: auto (teasers only), always or never.</summary>
    public NewsBot.Feeds.FullText.FullTextMode FullText { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];
}
