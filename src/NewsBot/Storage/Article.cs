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
    /// <summary>The item's categories, one per line, for templates' {categories}.</summary>
    public string? Categories { get; set; }
    /// <summary>Every image and audio/video enclosure as JSON (<see cref="NewsBot.Display.ArticleMedia"/>), when there is more than the lead image.</summary>
    public string? Media { get; set; }
    /// <summary>
    /// The main text of the item's article page, when the feed gave only a teaser; summaries are made from it. Text keeps
    /// the feed's own text, which story keys, filters and topics read, so full text never changes who receives what.
    /// </summary>
    public string? PageText { get; set; }
    /// <summary>The article page fetched for this item (after redirects), whether or not its text was used.</summary>
    public string? PageUrl { get; set; }
    /// <summary>Why the page's text was not used (it failed, was not HTML, was paywalled, had less text than the feed).</summary>
    public string? PageNote { get; set; }
    public string? Language { get; set; }
    /// <summary>Near-duplicate fingerprint of title and summary, so the same story from several feeds is merged.</summary>
    public long? StoryHash { get; set; }
    /// <summary>True once text and summary were pruned; the row keeps its key so the item never comes back.</summary>
    public bool IsTombstone { get; set; }
}
