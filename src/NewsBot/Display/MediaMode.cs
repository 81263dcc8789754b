namespace NewsBot.Display;

/// <summary>What a post does with the article's pictures, video and audio.</summary>
public enum MediaMode
{
    /// <summary>The lead image (or an album, a video, an audio file) goes with the post.</summary>
    On = 0,
    /// <summary>Text only.</summary>
    Off = 1,
    /// <summary>The media with the title as its caption; an article without media is posted as its title.</summary>
    Only = 2,
}

public static class MediaModes
{
    public static bool TryParse(string value, out MediaMode mode)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "on" or "yes" or "true" or "开":
                mode = MediaMode.On;
                return true;
            case "off" or "no" or "false" or "关":
                mode = MediaMode.Off;
                return true;
            case "only" or "仅":
                mode = MediaMode.Only;
                return true;
            default:
                mode = MediaMode.On;
                return false;
        }
    }

    public static string Name(MediaMode mode) => mode.ToString().ToLowerInvariant();
}
