namespace NewsBot.Storage;

/// <summary>One item of one feed, stored once per (feed, dedupe key). Pruned rows stay as tombstones.</summary>
public sealed class Article
{
    public long Id { get; set; }
    public long FeedId { get; set; }
    public Feed? Feed { get; set; }
    public required string DedupeKey { get; set; }
    public string? Url { get; set; }
    public required string Title { get; set; }
    public DateTime PublishedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public string? Author { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? ImageUrl { get; set; }
    public string? Language { get; set; }
    /// <summary>Near-duplicate fingerprint of title and summary, so the same story from several feeds is merged.</summary>
    public long? StoryHash { get; set; }
    /// <summary>True once text and summary were pruned; the row keeps its key so the item never comes back.</summary>
    public bool IsTombstone { get; set; }
}
