namespace NewsBot.Discord;

/// <summary>A rich embed. Limits: see <see cref="DiscordLimits"/>.</summary>
public sealed class Embed
{
    /// <summary>Title, at most 256 characters.</summary>
    public string? Title { get; set; }
    /// <summary>Description, at most 4096 characters.</summary>
    public string? Description { get; set; }
    /// <summary>Link of the title.</summary>
    public string? Url { get; set; }
    /// <summary>Timestamp shown in the footer.</summary>
    public DateTimeOffset? Timestamp { get; set; }
    /// <summary>Colour of the side bar, 0xRRGGBB.</summary>
    public int? Color { get; set; }
    /// <summary>Footer.</summary>
    public EmbedFooter? Footer { get; set; }
    /// <summary>Large image.</summary>
    public EmbedMedia? Image { get; set; }
    /// <summary>Small image at the top right.</summary>
    public EmbedMedia? Thumbnail { get; set; }
    /// <summary>Author line.</summary>
    public EmbedAuthor? Author { get; set; }
    /// <summary>Up to 25 fields.</summary>
    public List<EmbedField>? Fields { get; set; }
}

/// <summary>An embed footer.</summary>
public sealed class EmbedFooter
{
    /// <summary>Footer text, at most 2048 characters.</summary>
    public required string Text { get; set; }
    /// <summary>Icon URL.</summary>
    public string? IconUrl { get; set; }
}

/// <summary>An embed image or thumbnail.</summary>
public sealed class EmbedMedia
{
    /// <summary>http(s) URL of the image.</summary>
    public required string Url { get; set; }
}

/// <summary>An embed author line.</summary>
public sealed class EmbedAuthor
{
    /// <summary>Name, at most 256 characters.</summary>
    public required string Name { get; set; }
    /// <summary>Link of the name.</summary>
    public string? Url { get; set; }
    /// <summary>Icon URL.</summary>
    public string? IconUrl { get; set; }
}

/// <summary>An embed field.</summary>
public sealed class EmbedField
{
    /// <summary>Name, at most 256 characters.</summary>
    public required string Name { get; set; }
    /// <summary>Value, at most 1024 characters.</summary>
    public required string Value { get; set; }
    /// <summary>Shown side by side with neighbours.</summary>
    public bool? Inline { get; set; }
}
