using NewsBot.Display;

namespace NewsBot.Delivery;

/// <summary>What a destination renders for one article: platform-neutral, plain text. AlsoIn names the other feeds that carried the same story.</summary>
public sealed record Post(
    string Title,
    string? Url,
    string Summary,
    string Source,
    string? SourceUrl,
    DateTime PublishedAt,
    string? ImageUrl,
    string? Language,
    IReadOnlyList<string> AlsoIn)
{
    /// <summary>The article's text, for templates that show it.</summary>
    public string Text { get; init; } = "";
    public string? Author { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>Every picture, video and audio file of the article, the lead image first; empty means just <see cref="ImageUrl"/>.</summary>
    public IReadOnlyList<PostMedia> Media { get; init; } = [];
    /// <summary>The channel's display settings for this post's subscription, defaults applied.</summary>
    public DisplaySettings Display { get; init; } = DisplaySettings.None;
    /// <summary>Discord role ids the post pings (its mention rules that match the article).</summary>
    public IReadOnlyList<string> MentionRoles { get; init; } = [];
    /// <summary>Discord user ids the post pings.</summary>
    public IReadOnlyList<string> MentionUsers { get; init; } = [];
    /// <summary>Discord forum tag ids the post's thread gets.</summary>
    public IReadOnlyList<string> ForumTags { get; init; } = [];

    /// <summary>The media the post carries under its media setting: none when off.</summary>
    public IReadOnlyList<PostMedia> ShownMedia => Display.MediaOrDefault == MediaMode.Off
        ? []
        : Media.Count > 0 ? Media : ImageUrl is { } image ? [new PostMedia(image, MediaKind.Image)] : [];

    public PostValues Values(TimeZoneInfo zone) =>
        new(Title, Url, Summary, Text, Display.Title ?? Source, SourceUrl, AlsoIn, Author, PublishedAt, Categories, zone, Display.SummaryLength);
}
