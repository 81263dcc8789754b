namespace NewsBot.Display;

/// <summary>The built-in styles: names a channel can use instead of writing a template.</summary>
public static class PostStyles
{
    public const string Full = "full";
    public const string Compact = "compact";
    public const string TitleOnly = "title-only";

    private static readonly Dictionary<string, string> Templates = new(StringComparer.OrdinalIgnoreCase)
    {
        [Full] = "{title}\n\n{summary}\n\n📰 {source} · {date}",
        [Compact] = "{title}\n📰 {source}",
        [TitleOnly] = "{title}",
    };

    public static IReadOnlyCollection<string> Names => Templates.Keys;

    /// <summary>The template text of a style name ("title_only" and "titleonly" too), or null when it is no style's name.</summary>
    public static string? Resolve(string name) =>
        Templates.GetValueOrDefault(name.Trim().Replace('_', '-')) ?? (name.Trim().Equals("titleonly", StringComparison.OrdinalIgnoreCase) ? Templates[TitleOnly] : null);

    public static bool IsFull(string? format) => format is null || (Resolve(format) is { } t && t == Templates[Full]);

    public static PostTemplate FullTemplate { get; } = Parse(Full);

    public static PostTemplate TitleOnlyTemplate { get; } = Parse(TitleOnly);

    private static PostTemplate Parse(string name) => PostTemplate.TryParse(name, out var t, out var error) ? t! : throw new InvalidOperationException(error);
}
