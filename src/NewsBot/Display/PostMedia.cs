using System.Text.Json;
using System.Text.Json.Serialization;
using NewsBot.Feeds;

namespace NewsBot.Display;

public enum MediaKind
{
    Image,
    Video,
    Audio,
}

/// <summary>One picture, video or audio file of an article; Length is the size the feed declared, if any.</summary>
public sealed record PostMedia(string Url, MediaKind Kind, long? Length = null);

/// <summary>An article's media as stored in articles.media: JSON, only when there is more than the lead image.</summary>
public static class ArticleMedia
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public const int MaxItems = 10;

    /// <summary>The images (lead first), then audio and video enclosures; null when that is at most the lead image.</summary>
    public static string? ToJson(IReadOnlyList<string> images, IReadOnlyList<FeedEnclosure> enclosures)
    {
        var media = new List<PostMedia>();
        foreach (var image in images)
        {
            if (Http(image) && media.Count < MaxItems)
            {
                media.Add(new PostMedia(image, MediaKind.Image));
            }
        }
        foreach (var e in enclosures)
        {
            if (KindOf(e) is { } kind && Http(e.Url) && media.Count < MaxItems && media.All(m => m.Url != e.Url))
            {
                media.Add(new PostMedia(e.Url, kind, e.Length is > 0 ? e.Length : null));
            }
        }
        return media.Count <= 1 && media.All(m => m.Kind == MediaKind.Image) ? null : JsonSerializer.Serialize(media, Json);
    }

    public static IReadOnlyList<PostMedia> FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<PostMedia>>(json, Json)?.Where(m => Http(m.Url)).ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static MediaKind? KindOf(FeedEnclosure e)
    {
        var type = e.Type?.ToLowerInvariant() ?? "";
        var path = Uri.TryCreate(e.Url, UriKind.Absolute, out var u) ? u.AbsolutePath.ToLowerInvariant() : "";
        if (type.StartsWith("video/", StringComparison.Ordinal) || path.EndsWith(".mp4", StringComparison.Ordinal))
        {
            return MediaKind.Video;
        }
        if (type.StartsWith("audio/", StringComparison.Ordinal) || path.EndsWith(".mp3", StringComparison.Ordinal) || path.EndsWith(".m4a", StringComparison.Ordinal))
        {
            return MediaKind.Audio;
        }
        return null;
    }

    private static bool Http(string url) =>
        url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
