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
    IReadOnlyList<string> AlsoIn);
