namespace NewsBot.Storage;

public enum OutboxState
{
    Pending = 0,
    Sent = 1,
    /// <summary>Waiting for the channel's digest.</summary>
    Digest = 2,
    /// <summary>Gave up after permanent errors; kept for the status page.</summary>
    Failed = 3,
    /// <summary>Merged into another entry of the same story for this channel.</summary>
    Merged = 4,
}

/// <summary>One delivery of one article to one channel; unique per (channel, article), so nothing is posted twice.</summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }
    public long ChannelId { get; set; }
    public ChatChannel? Channel { get; set; }
    public long ArticleId { get; set; }
    public Article? Article { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>Kept across retries so a platform that supports idempotent sends (Discord's nonce) drops a repeat.</summary>
    public required string Nonce { get; set; }
    public string? PlatformMessageId { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// When the platform accepted the post. For a Merged row: when its source became visible in the post that carries the
    /// story (listed at send time, or added by editing the sent message); when that could not be done, LastError says why.
    /// </summary>
    public DateTime? SentAt { get; set; }

    /// <summary>Sent as an entry of a digest page rather than as a post of its own: a page is never edited to add a source.</summary>
    public bool SentInDigest { get; set; }

    /// <summary>For a Merged row: the row of the same story this channel got (or will get) instead; its feed is listed in that post's AlsoIn.</summary>
    public long? MergedIntoId { get; set; }
    public OutboxEntry? MergedInto { get; set; }

    /// <summary>The topic that brought the article here (null when a feed subscription did); digests group by it.</summary>
    public string? Topic { get; set; }

    /// <summary>The title in the channel's summary language, when it differs from the article's (made by the LLM).</summary>
    public string? TranslatedTitle { get; set; }
    /// <summary>The summary in the channel's summary language, when it differs from the article's (made by the LLM).</summary>
    public string? TranslatedSummary { get; set; }
}
