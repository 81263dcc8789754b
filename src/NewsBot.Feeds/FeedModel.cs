namespace NewsBot.Feeds;

/// <summary>A feed as parsed from one document, format-neutral. Text fields are plain text; *Html fields are raw.</summary>
public sealed class ParsedFeed
{
    /// <summary>rss0.90, rss0.91, rss0.92, rss2.0, rss1.0, atom0.3, atom1.0, json1.0, json1.1.</summary>
    public required string Format { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Description { get; init; }
    public string? Image { get; init; }
    public FeedAuthor? Author { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>RSS &lt;ttl&gt;, a server hint for the polling interval.</summary>
    public TimeSpan? TimeToLive { get; init; }
    /// <summary>RSS skipHours (0–23, UTC).</summary>
    public IReadOnlyList<int> SkipHours { get; init; } = [];
    public IReadOnlyList<DayOfWeek> SkipDays { get; init; } = [];
    public IReadOnlyList<FeedItem> Items { get; init; } = [];
}

public sealed class FeedItem
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public FeedAuthor? Author { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    private string? _summaryHtml;
    private string? _contentHtml;

    /// <summary>Raw description/summary HTML as the feed carried it (relative links made absolute).</summary>
    /// <remarks>Made into a string on first read, like <see cref="Text"/>.</remarks>
    public string? SummaryHtml
    {
        get => _summaryHtml ??= SummarySource?.Html;
        init => _summaryHtml = value;
    }

    /// <summary>Raw content HTML (content:encoded, atom:content, content_html), relative links made absolute.</summary>
    public string? ContentHtml
    {
        get => _contentHtml ??= ContentSource?.Html;
        init => _contentHtml = value;
    }

    internal Parsing.LazyHtml? SummarySource { get; init; }
    internal Parsing.LazyHtml? ContentSource { get; init; }
    private string? _text;
    private string? _image;
    private bool _imageKnown;

    /// <summary>Clean plain text of the article body (captions and credits stripped).</summary>
    /// <remarks>Computed on first read from the item's HTML: most items of a poll are already stored and never need it.</remarks>
    public string Text
    {
        get => _text ??= Body?.Text ?? "";
        init => _text = value;
    }

    /// <summary>Lead image URL, absolute.</summary>
    public string? Image
    {
        get
        {
            if (!_imageKnown)
            {
                _image = Body?.Image;
                _imageKnown = true;
            }
            return _image;
        }
        init
        {
            _image = value;
            _imageKnown = true;
        }
    }

    /// <summary>Every meaningful image of the item, the lead image first (at most ten): an album's pictures.</summary>
    public IReadOnlyList<string> Images => Body?.Images ?? (Image is { } image ? [image] : []);

    /// <summary>The HTML that Text and Image are derived from, when the parser deferred that work.</summary>
    internal Parsing.DeferredBody? Body { get; init; }
    public IReadOnlyList<FeedEnclosure> Enclosures { get; init; } = [];
}

public sealed record FeedAuthor(string? Name, string? Email);

public sealed record FeedEnclosure(string Url, string? Type, long? Length);

/// <summary>A document that could not be read as a feed; the message is one line a person can act on.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
