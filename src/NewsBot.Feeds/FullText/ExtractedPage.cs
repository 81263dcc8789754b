namespace NewsBot.Feeds.FullText;

/// <summary>The main text of an article page and its lead image, or why the page gave none.</summary>
/// <param name="Text">Clean plain text, one paragraph per line, captions and credits left out; empty when none was found.</param>
/// <param name="Image">og:image, twitter:image, else the first large image of the article body; null when none.</param>
/// <param name="Problem">Null when <paramref name="Text"/> is the article; otherwise one line saying why there is none.</param>
public sealed record ExtractedPage(string Text, string? Image, string? Problem);
