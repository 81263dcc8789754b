using NewsBot.Delivery;
using NewsBot.Display;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace NewsBot.Telegram;

/// <summary>
/// A post's media on Telegram: a photo, an album of up to ten photos (sendMediaGroup), a video or an audio file, with
/// the post as caption. First by URL, Telegram fetching it; when Telegram cannot (hotlink protection, wrong type, too
/// large for a URL), the bot downloads the file itself and uploads it; when that fails too, the text attempts follow.
/// </summary>
public sealed partial class TelegramSender
{
    // Bot API limits: what Telegram fetches from a URL, and what a bot may upload.
    internal const long UrlPhotoBytes = 5L * 1024 * 1024;
    internal const long UrlFileBytes = 20L * 1024 * 1024;
    internal const long UploadPhotoBytes = 10L * 1024 * 1024;
    internal const long UploadFileBytes = 50L * 1024 * 1024;
    private const int AlbumSize = 10;

    private List<Attempt> MediaAttempts(Target target, Post post, TimeZoneInfo zone, PostTemplate template, bool silent)
    {
        var media = post.ShownMedia;
        if (media.Count == 0)
        {
            return [];
        }
        var images = media.Where(m => m.Kind == MediaKind.Image).Take(AlbumSize).ToList();
        var items = images.Count >= 2 ? images : [media[0]];
        // A single picture with a post too long for a caption goes as text with the picture as a large link preview,
        // as before, unless the channel turned previews off: then the caption is shortened instead.
        var fullText = TelegramRender.Post(post, zone, int.MaxValue, template);
        if (items.Count == 1 && items[0].Kind == MediaKind.Image && post.Display.MediaOrDefault == MediaMode.On
            && fullText.VisibleLength > TelegramText.MaxCaption && post.Display.PreviewOrDefault && TelegramText.SafeUrl(post.Url) is not null)
        {
            return [];
        }
        var caption = TelegramRender.Post(post, zone, TelegramText.MaxCaption, template).Html;
        var attempts = new List<Attempt>();
        if (items.All(m => m.Length is null || m.Length <= (m.Kind == MediaKind.Image ? UrlPhotoBytes : UrlFileBytes)))
        {
            attempts.Add(Attempt.Of(Kind.Media, token => SendMediaAsync(target, items.Select(m => (m, (InputFile)InputFile.FromUri(m.Url))).ToList(), caption, silent, token)));
        }
        attempts.Add(new Attempt(Kind.Upload, token => UploadAsync(target, post, items, caption, silent, token)));
        return attempts;
    }

    private async Task<Message?> UploadAsync(Target target, Post post, List<PostMedia> items, string caption, bool silent, CancellationToken ct)
    {
        var files = new List<(PostMedia, InputFile)>();
        using var downloads = downloader.ForPost(post.Url, ct);
        foreach (var item in items)
        {
            var cap = item.Kind == MediaKind.Image ? UploadPhotoBytes : UploadFileBytes;
            var (file, problem) = await downloads.DownloadAsync(item, cap);
            if (file is null)
            {
                logger.LogInformation("Could not fetch {Url} to upload it to {Chat}: {Problem}", item.Url, target.Key, problem);
                continue;
            }
            files.Add((item, InputFile.FromStream(new MemoryStream(file.Content), file.FileName)));
        }
        if (files.Count == 0)
        {
            logger.LogInformation("Posting to {Chat} without its media: nothing could be uploaded", target.Key);
            return null;
        }
        return await SendMediaAsync(target, files, caption, silent, ct);
    }

    private async Task<Message> SendMediaAsync(Target target, List<(PostMedia Media, InputFile File)> items, string caption, bool silent, CancellationToken ct)
    {
        if (items.Count >= 2)
        {
            var album = items.Select((x, i) => (IAlbumInputMedia)new InputMediaPhoto(x.File)
            {
                Caption = i == 0 ? caption : null,
                ParseMode = i == 0 ? ParseMode.Html : default,
            }).ToList();
            var messages = await bot.SendMediaGroup(target.Chat, album, messageThreadId: target.Thread, disableNotification: silent, cancellationToken: ct);
            return messages[0];
        }
        var (media, file) = items[0];
        return media.Kind switch
        {
            MediaKind.Video => await bot.SendVideo(target.Chat, file, caption, ParseMode.Html, messageThreadId: target.Thread, disableNotification: silent, cancellationToken: ct),
            MediaKind.Audio => await bot.SendAudio(target.Chat, file, caption, ParseMode.Html, messageThreadId: target.Thread, disableNotification: silent, cancellationToken: ct),
            _ => await bot.SendPhoto(target.Chat, file, caption, ParseMode.Html, messageThreadId: target.Thread, disableNotification: silent, cancellationToken: ct),
        };
    }
}
