namespace NewsBot.Discord;

/// <summary>A file to upload with a message: <c>files[n]</c> of a multipart request, named in its <c>attachments</c> array.</summary>
public sealed record DiscordFile
{
    /// <summary>Creates the file; the name is what Discord shows and must not be a path.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or holds path separators or control characters.</exception>
    public DiscordFile(string fileName, byte[] content, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > DiscordLimits.FileName
            || fileName.Any(c => char.IsControl(c) || c is '/' or '\\' or '"'))
        {
            throw new ArgumentException($"'{fileName}' is not a file name Discord accepts (1–{DiscordLimits.FileName} characters, no path, quotes or control characters).", nameof(fileName));
        }
        FileName = fileName;
        Content = content;
        ContentType = contentType;
    }

    /// <summary>The name shown in Discord.</summary>
    public string FileName { get; }

    /// <summary>The bytes.</summary>
    public byte[] Content { get; }

    /// <summary>The MIME type of the part; an unparsable one is sent as application/octet-stream.</summary>
    public string ContentType { get; }
}

/// <summary>An attachment as Discord describes it: in a message, or in <c>data.resolved.attachments</c> of an interaction.</summary>
public sealed class DiscordAttachment
{
    /// <summary>Attachment id.</summary>
    public ulong Id { get; set; }
    /// <summary>The file's name.</summary>
    public string Filename { get; set; } = "";
    /// <summary>Size in bytes, as Discord declares it.</summary>
    public long Size { get; set; }
    /// <summary>Where Discord's CDN serves it.</summary>
    public string? Url { get; set; }
    /// <summary>The media proxy's copy.</summary>
    public string? ProxyUrl { get; set; }
    /// <summary>MIME type, when Discord knows it.</summary>
    public string? ContentType { get; set; }
}

/// <summary>Objects an interaction's options refer to by id.</summary>
public sealed class InteractionResolved
{
    /// <summary>Attachments of ATTACHMENT options, keyed by attachment id.</summary>
    public Dictionary<string, DiscordAttachment>? Attachments { get; set; }
}
