namespace NewsBot.Feeds.Parsing;

/// <summary>Mutable collector filled while reading; Build() applies the fallbacks once, in one place.</summary>
internal sealed class FeedBuilder
{
    public string Format = "";
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
    public List<string> Categories = [];
    public DateTimeOffset? Published;
    public DateTimeOffset? Updated;
    public TimeSpan? TimeToLive;
    public List<int> SkipHours = [];
    public List<DayOfWeek> SkipDays = [];
    public List<FeedItem> Items = [];

    public ParsedFeed Build() => new()
    {
        Format = Format,
        Title = Title,
        Link = NonEmpty(HrefLink) ?? Link ?? AlternateLink,
        Description = Description,
        Image = Image ?? Logo ?? Icon ?? ItunesImage ?? MediaImage,
        Author = Author ?? FallbackAuthor,
        Categories = Categories,
        Published = Published,
        Updated = Updated,
        TimeToLive = TimeToLive,
        SkipHours = SkipHours,
        SkipDays = SkipDays,
        Items = Items,
    };

    internal static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

internal sealed class ItemBuilder
{
    public string? Id;
    public bool IdIsPermaLink;
    public string? Title;
    public string? Link;
    public string? AlternateLink;
    public string? HrefLink;
    public string? AnyLink;
    public DateTimeOffset? Published;
    public DateTimeOffset? Updated;
    public FeedAuthor? Author;
    public FeedAuthor? FallbackAuthor;
    public List<string> Categories = [];
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
    public List<FeedEnclosure> Enclosures = [];

    public FeedItem Build(Uri? itemBase)
    {
        string? link = FeedBuilder.NonEmpty(HrefLink) ?? Link ?? AlternateLink ?? AnyLink;
        if (link is null && IdIsPermaLink && Id is not null && FeedUrls.LooksAbsolute(Id))
            link = Id;
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
            Title = Title,
            Link = link,
            Published = Published,
            Updated = Updated,
            Author = Author ?? FallbackAuthor,
            Categories = Categories,
            SummarySource = summary,
            ContentSource = content,
            Body = new DeferredBody(content, contentBase, summary, summaryBase, metadataImage),
            Enclosures = Enclosures,
        };
    }

    private string? EnclosureImage()
    {
        foreach (var e in Enclosures)
        {
            if (e.Type is not null && e.Type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                return e.Url;
        }
        return null;
    }
}
