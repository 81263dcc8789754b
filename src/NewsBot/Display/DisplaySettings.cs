using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsBot.Display;

/// <summary>
/// How a channel wants its posts to look. Stored as JSON on a subscription (its own choices) and on a channel (the
/// defaults of its subscriptions); every unset field falls through to the channel's value, then the built-in one.
/// </summary>
public sealed record DisplaySettings
{
    public const int MinSummary = 20;
    public const int MaxSummary = 4000;
    public const int MaxTitle = 100;
    public const int MaxRules = 10;

    /// <summary>A template (see <see cref="PostTemplate"/>) or a built-in style's name.</summary>
    public string? Format { get; init; }
    public MediaMode? Media { get; init; }
    /// <summary>Telegram's link preview under a text post.</summary>
    public bool? Preview { get; init; }
    /// <summary>Posts without a notification sound (Telegram disable_notification, Discord's @silent flag).</summary>
    public bool? Silent { get; init; }
    /// <summary>The name the post gives its feed instead of the feed's own title.</summary>
    public string? Title { get; init; }
    /// <summary>The most characters of summary a post shows (the platform's limit still applies).</summary>
    public int? SummaryLength { get; init; }
    public IReadOnlyList<MentionRule>? Mentions { get; init; }
    public IReadOnlyList<TagRule>? Tags { get; init; }

    public static readonly DisplaySettings None = new();

    /// <summary>These choices over <paramref name="defaults"/>: each unset field takes the default's value.</summary>
    public DisplaySettings Over(DisplaySettings? defaults) => defaults is null ? this : new DisplaySettings
    {
        Format = Format ?? defaults.Format,
        Media = Media ?? defaults.Media,
        Preview = Preview ?? defaults.Preview,
        Silent = Silent ?? defaults.Silent,
        Title = Title ?? defaults.Title,
        SummaryLength = SummaryLength ?? defaults.SummaryLength,
        Mentions = Mentions ?? defaults.Mentions,
        Tags = Tags ?? defaults.Tags,
    };

    public bool IsEmpty => this == None || (Format is null && Media is null && Preview is null && Silent is null && Title is null
        && SummaryLength is null && Mentions is null && Tags is null);

    /// <summary>The template this resolves to; a stored format was checked when it was set, so a bad one (older rules) falls back to full.</summary>
    public PostTemplate Template() => PostTemplate.TryParse(Format ?? PostStyles.Full, out var template, out _) ? template! : PostStyles.FullTemplate;

    public MediaMode MediaOrDefault => Media ?? MediaMode.On;
    public bool PreviewOrDefault => Preview ?? true;
    public bool SilentOrDefault => Silent ?? false;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored value; an unreadable one (hand-edited, from a newer version) is treated as no choices rather than failing a post.</summary>
    public static DisplaySettings FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }
        try
        {
            return JsonSerializer.Deserialize<DisplaySettings>(json, Json) ?? None;
        }
        catch (JsonException)
        {
            return None;
        }
    }
}
