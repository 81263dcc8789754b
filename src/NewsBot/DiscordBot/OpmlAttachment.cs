using NewsBot.Commands;
using NewsBot.Discord;
using NewsBot.Discord.Cdn;
using NewsBot.Routing;

namespace NewsBot.DiscordBot;

/// <summary>
/// The file of <c>/opml import</c>: checked for looking like OPML by name and type, then downloaded within
/// <see cref="OpmlDocument.MaxBytes"/> and <see cref="DiscordBotOptions.AttachmentTimeout"/>. Parsing (DTDs refused,
/// outline caps) is the core's <see cref="OpmlDocument"/>.
/// </summary>
public sealed class OpmlAttachment(AttachmentDownloader downloader, DiscordBotOptions options)
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".opml", ".xml", ".txt" };

    /// <summary>The downloaded file, or a one-line reason it was refused.</summary>
    public async Task<(ReplyFile? File, string? Problem)> FetchAsync(DiscordAttachment attachment, CancellationToken ct)
    {
        var name = PostEmbeds.Clip(new string(attachment.Filename.Where(c => !char.IsControl(c)).ToArray()), 100);
        var type = attachment.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (!Extensions.Contains(Path.GetExtension(attachment.Filename)) || !IsTextual(type))
        {
            return (null, $"'{name}' ({type ?? "no type"}) is not an OPML file; send a .opml or .xml file");
        }
        try
        {
            var bytes = await downloader.DownloadAsync(attachment, OpmlDocument.MaxBytes, options.AttachmentTimeout, ct);
            return (new ReplyFile(name, type ?? "application/octet-stream", bytes), null);
        }
        catch (AttachmentRefusedException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The attachment an ATTACHMENT option names, looked up in <c>data.resolved.attachments</c>.</summary>
    public static DiscordAttachment? Of(InteractionData data)
    {
        var options = data.Options ?? [];
        var option = options.Concat(options.SelectMany(o => o.Options ?? [])).FirstOrDefault(o => o.Type == CommandOptionType.Attachment);
        return option?.ValueText is { } id && data.Resolved?.Attachments?.TryGetValue(id, out var attachment) == true ? attachment : null;
    }

    // OPML is XML; clients label it in several ways, and some label nothing at all.
    private static bool IsTextual(string? type) =>
        type is null or "" or "application/octet-stream" or "application/xml"
        || type.StartsWith("text/", StringComparison.Ordinal)
        || (type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("+xml", StringComparison.Ordinal));
}
