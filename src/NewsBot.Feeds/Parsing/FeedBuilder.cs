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
    public string? SummaryHtml;
    public string? ContentHtml;
    public string? FallbackSummaryHtml;
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
        string? summary = SummaryHtml ?? FallbackSummaryHtml;
        if (summary is not null)
            summary = HtmlText.AbsolutizeLinks(summary, SummaryBase ?? itemBase);
        string? content = ContentHtml is null ? null : HtmlText.AbsolutizeLinks(ContentHtml, ContentBase ?? itemBase);
        var body = HtmlText.Extract(content ?? summary, content is not null ? ContentBase ?? itemBase : SummaryBase ?? itemBase);
        string? image = JsonImage ?? MediaImage ?? EnclosureImage() ?? ItunesImage ?? body.Image;
        if (image is null && content is not null && summary is not null)
            image = HtmlText.Extract(summary, SummaryBase ?? itemBase).Image;
        return new FeedItem
        {
            Id = Id,
            Title = Title,
            Link = link,
            Published = Published,
            Updated = Updated,
            Author = Author ?? FallbackAuthor,
            Categories = Categories,
            SummaryHtml = summary,
            ContentHtml = content,
            Text = body.Text,
            Image = image is null ? null : ImageUrls.Unwrap(image),
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
