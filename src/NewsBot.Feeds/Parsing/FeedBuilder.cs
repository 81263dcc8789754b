namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Mutable collector filled while reading; Build() applies the fallbacks once, in one place. Its lists are made on first
/// use: most feeds have no categories or skip hours and most items no enclosures, and an empty list per document and
/// per item was a tenth of what a small feed allocated. The builders are structs, filled in place (passed by ref) and
/// reset with default, for the same reason: a builder object per document and per item was another quarter.
/// </summary>
internal struct FeedBuilder
{
    public string? Format;
    public string? Title;
    public string? Link;
    public string? AlternateLink;
    public string? HrefLink;
    public string? Description;
    public string? Image;
    public string? Logo;
    public string? Icon;
    public string? ItunesImage;
    public string? MediaImage;
    public FeedAuthor? Author;
    public FeedAuthor? FallbackAuthor;
    private List<string>? _categories;
    private List<int>? _skipHours;
    private List<DayOfWeek>? _skipDays;
    private List<FeedItem>? _items;
    public DateTimeOffset? Published;
    public DateTimeOffset? Updated;
    public TimeSpan? TimeToLive;

    public List<string> Categories => _categories ??= [];
    public List<int> SkipHours => _skipHours ??= [];
    public List<DayOfWeek> SkipDays => _skipDays ??= [];
    public List<FeedItem> Items => _items ??= [];

    public ParsedFeed Build() => new()
    {
        Format = Format ?? "",
        Title = Mojibake.Repair(Title),
        Link = NonEmpty(HrefLink) ?? Link ?? AlternateLink,
        Description = Description,
        Image = Image ?? Logo ?? Icon ?? ItunesImage ?? MediaImage,
        Author = Author ?? FallbackAuthor,
        Categories = OrEmpty(_categories),
        Published = Published,
        Updated = Updated,
        TimeToLive = TimeToLive,
        SkipHours = OrEmpty(_skipHours),
        SkipDays = OrEmpty(_skipDays),
        Items = OrEmpty(_items),
    };

    internal static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>The list, or the shared empty one when nothing was added.</summary>
    /// <remarks>Not <c>list ?? []</c>: that [] would take List's type and be a new list each time.</remarks>
    internal static IReadOnlyList<T> OrEmpty<T>(List<T>? list) => list is null ? Array.Empty<T>() : list;
}

internal struct ItemBuilder
{
    public string? Id;
    public bool IdIsPermaLink;
    public string? Title;
    /// <summary>media:title, for items that carry no title of their own.</summary>
    public string? MediaTitle;
    public string? Link;
    public string? AlternateLink;
    public string? HrefLink;
    public string? AnyLink;
    public DateTimeOffset? Published;
    public DateTimeOffset? Updated;
    public FeedAuthor? Author;
    public FeedAuthor? FallbackAuthor;
    private List<string>? _categories;
    private List<FeedEnclosure>? _enclosures;
    public RawText? SummaryHtml;
    /// <summary>The summary is plain text (Atom type="text"), to be escaped into HTML.</summary>
    public bool SummaryIsPlain;
    public RawText? ContentHtml;
    public bool ContentIsPlain;
    public RawText? FallbackSummaryHtml;
    public Uri? ContentBase;
    public Uri? SummaryBase;
    public string? MediaImage;
    public string? ItunesImage;
    public string? JsonImage;

    public List<string> Categories => _categories ??= [];
    public List<FeedEnclosure> Enclosures => _enclosures ??= [];

    public FeedItem Build(Uri? itemBase)
    {
        string? link = FeedBuilder.NonEmpty(HrefLink) ?? Link ?? AlternateLink ?? AnyLink;
        if (link is null && IdIsPermaLink && Id is not null && FeedUrls.LooksAbsolute(Id))
            link = Id;
        // The fuller text is the content and the shorter the summary, whichever element carried which (feeds put a
        // teaser in content:encoded and the article in description too).
        if (SummaryHtml is { } teaser && ContentHtml is { } full && teaser.Length > full.Length)
        {
            (SummaryHtml, ContentHtml) = (full, teaser);
            (SummaryIsPlain, ContentIsPlain) = (ContentIsPlain, SummaryIsPlain);
            (SummaryBase, ContentBase) = (ContentBase, SummaryBase);
        }
        Uri? summaryBase = SummaryBase ?? itemBase;
        Uri? contentBase = ContentBase ?? itemBase;
        var summary = SummaryHtml is { } s ? new LazyHtml(s, SummaryIsPlain, summaryBase)
            : FallbackSummaryHtml is { } f ? new LazyHtml(f, false, summaryBase)
            : null;
        var content = ContentHtml is { } c ? new LazyHtml(c, ContentIsPlain, contentBase) : null;
        string? metadataImage = JsonImage ?? MediaImage ?? EnclosureImage() ?? ItunesImage;
        return new FeedItem
        {
            Id = Id,
            Title = Mojibake.Repair(Title ?? MediaTitle),
            Link = link,
            Published = Published,
            Updated = Updated,
            Author = Author ?? FallbackAuthor,
            Categories = FeedBuilder.OrEmpty(_categories),
            SummarySource = summary,
            ContentSource = content,
            Body = new DeferredBody(content, contentBase, summary, summaryBase, metadataImage),
            Enclosures = FeedBuilder.OrEmpty(_enclosures),
        };
    }

    private string? EnclosureImage()
    {
        if (_enclosures is null)
            return null;
        foreach (var e in _enclosures)
        {
            if (e.Type is not null && e.Type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                return e.Url;
        }
        return null;
    }
}
