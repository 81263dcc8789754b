using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NewsBot.Delivery;
using NewsBot.Digests;
using NewsBot.Discord;
using NewsBot.Discord.Rest;
using NewsBot.Display;
using NewsBot.Storage;

namespace NewsBot.DiscordBot;

/// <summary>
/// Discord channels, threads and forums as a delivery destination: posts as embeds, one create-message per post, with the
/// outbox nonce enforced so that a send repeated after a crash returns the first message instead of posting twice
/// (forums take no nonce: <see cref="ForumPosts"/> finds the earlier thread instead).
/// </summary>
public sealed class DiscordSender(DiscordRestClient rest, GuildDirectory guilds, ForumPosts forums, MediaDownloader downloader, ILogger<DiscordSender> logger) : IChannelSender
{
    public string Platform => Platforms.Discord;

    /// <summary>Message flag: posted without a notification (what @silent does).</summary>
    public const int SuppressNotifications = 4096;

    /// <summary>
    /// Sends a post with its display settings. Its pictures go by URL in the embeds (Discord's media proxy fetches them);
    /// a video or audio file is downloaded and attached. When Discord refuses an image URL, the pictures are downloaded
    /// and attached instead, and when that fails too the post goes without them: an image never costs a post.
    /// </summary>
    public async Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
    {
        var zone = TimeZones.Find(channel.TimeZone);
        var files = await MediaFilesAsync(post, post.ShownMedia.Where(m => m.Kind != MediaKind.Image).Take(1), ct);
        var outcome = await CreateAsync(channel, PostMessage(post, zone, null), nonce, post.Title, ct, files, post.ForumTags);
        if (outcome.Status != SendStatus.Rejected || !RefusedImage(outcome.Error) || post.ShownMedia.All(m => m.Kind != MediaKind.Image))
        {
            return outcome;
        }
        logger.LogInformation("Discord refused the image URL of a post to {Channel} ({Error}); uploading the pictures instead", channel.ExternalId, outcome.Error);
        var images = await MediaFilesAsync(post, post.ShownMedia.Where(m => m.Kind == MediaKind.Image).Take(PostEmbeds.GalleryImages), ct);
        if (images.Count > 0)
        {
            var attached = images.Select(f => "attachment://" + f.FileName).ToList();
            outcome = await CreateAsync(channel, PostMessage(post, zone, attached), nonce, post.Title, ct, [.. files, .. images], post.ForumTags);
            if (outcome.Status != SendStatus.Rejected)
            {
                return outcome;
            }
        }
        logger.LogInformation("Posting to {Channel} without its pictures", channel.ExternalId);
        return await CreateAsync(channel, PostMessage(post with { Display = post.Display with { Media = MediaMode.Off } }, zone, []), nonce, post.Title, ct, files, post.ForumTags);
    }

    /// <summary>The message of a post: embeds, the mention rules' pings as content, allowed_mentions listing exactly those ids.</summary>
    internal static MessageRequest PostMessage(Post post, TimeZoneInfo zone, IReadOnlyList<string>? imageUrls)
    {
        var pings = string.Join(' ', post.MentionRoles.Select(r => $"<@&{r}>").Concat(post.MentionUsers.Select(u => $"<@{u}>")));
        return new MessageRequest
        {
            Content = pings.Length > 0 ? pings : null,
            Embeds = PostEmbeds.ForPost(post, zone, imageUrls),
            AllowedMentions = AllowedMentions.Only(post.MentionRoles, post.MentionUsers),
            Flags = SilentFlags(post.Display),
        };
    }

    private static int? SilentFlags(DisplaySettings display) => display.SilentOrDefault ? SuppressNotifications : null;

    private static bool RefusedImage(string? error) =>
        error is not null && error.Contains("image", StringComparison.OrdinalIgnoreCase);

    private async Task<List<DiscordFile>> MediaFilesAsync(Post post, IEnumerable<PostMedia> media, CancellationToken ct)
    {
        var files = new List<DiscordFile>();
        long total = 0;
        using var downloads = downloader.ForPost(post.Url, ct);
        foreach (var item in media)
        {
            var (file, problem) = await downloads.DownloadAsync(item, DiscordLimits.UploadBytes - total);
            if (file is null)
            {
                logger.LogInformation("Could not attach {Url}: {Problem}", item.Url, problem);
                continue;
            }
            var name = files.Any(f => f.FileName == file.FileName) ? $"{files.Count}-{file.FileName}" : file.FileName;
            files.Add(new DiscordFile(name, file.Content, file.ContentType));
            total += file.Content.Length;
        }
        return files;
    }

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        var embeds = PostEmbeds.ForDigest(page);
        return embeds is null
            ? Task.FromResult(new SendOutcome(SendStatus.Rejected, Error: "the digest page does not fit one Discord message"))
            : CreateAsync(channel, new MessageRequest { Embeds = embeds, Flags = SilentFlags(DisplaySettings.FromJson(channel.Display)) }, nonce, page.Heading, ct);
    }

    public bool FitsOneMessage(DigestPage page) => PostEmbeds.ForDigest(page) is not null;

    /// <summary>
    /// Replaces the post's embed (its footer lists every source). A forum post's starter message lives in its thread and
    /// shares the thread's id, which is what the outbox recorded. No guild notice on failure: the next post finds out.
    /// </summary>
    public async Task<SendOutcome> EditAsync(ChatChannel channel, string messageId, Post post, CancellationToken ct)
    {
        if (!ulong.TryParse(channel.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var channelId)
            || !ulong.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var message))
        {
            return new SendOutcome(SendStatus.Rejected, Error: $"'{channel.ExternalId}/{messageId}' is not a Discord message");
        }
        var edit = new MessageRequest { Embeds = PostEmbeds.ForPost(post, TimeZones.Find(channel.TimeZone)), AllowedMentions = AllowedMentions.None };
        try
        {
            var home = await forums.ForumOrNullAsync(channelId, ct) is null ? channelId : message;
            await rest.EditMessageAsync(home, message, edit, ct);
            return SendOutcome.Ok(messageId);
        }
        catch (DiscordApiException e) when (e.Code == DiscordApiException.UnknownMessage)
        {
            return new SendOutcome(SendStatus.Rejected, Error: "the post was deleted: " + e.Message);
        }
        catch (DiscordApiException e)
        {
            return Outcome(e);
        }
        catch (ArgumentException e)
        {
            return new SendOutcome(SendStatus.Rejected, Error: e.Message);
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(SendStatus.Retry, Error: "network: " + e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.Retry, Error: "Discord did not answer in time: " + e.Message);
        }
    }

    /// <summary>A lost channel's notice goes to its guild's system channel; the others to the channel itself. Both carry the row's nonce.</summary>
    public async Task<SendOutcome> SendNoticeAsync(ChatChannel channel, Notice notice, CancellationToken ct)
    {
        var message = new MessageRequest { Content = PostEmbeds.Clip(notice.Text, DiscordLimits.Content) };
        if (notice.Kind != NoticeKind.ChannelLost)
        {
            return await CreateAsync(channel, message, notice.Nonce, notice.Text, ct);
        }
        if (guilds.SystemChannelOf(channel.GuildId) is not { } system)
        {
            // The gateway names system channels when it (re)connects: soon after a restart, not at once.
            return new SendOutcome(SendStatus.Retry, Error: "the guild's system channel is not known yet", RetryAfter: TimeSpan.FromMinutes(1));
        }
        var guildChannel = new ChatChannel { Platform = Platforms.Discord, ExternalId = system.ToString(CultureInfo.InvariantCulture), GuildId = channel.GuildId };
        var outcome = await CreateAsync(guildChannel, message, notice.Nonce, notice.Text, ct);
        // The system channel refusing is no reason to pause anything more: the notice just fails.
        return outcome.Status == SendStatus.ChannelGone ? outcome with { Status = SendStatus.Rejected } : outcome;
    }

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct) =>
        CreateAsync(channel, new MessageRequest { Content = PostEmbeds.Clip(text, DiscordLimits.Content) }, nonce: null, text, ct);

    private async Task<SendOutcome> CreateAsync(ChatChannel channel, MessageRequest message, string? nonce, string title, CancellationToken ct,
        IReadOnlyList<DiscordFile>? files = null, IReadOnlyList<string>? tags = null)
    {
        if (!ulong.TryParse(channel.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var channelId))
        {
            return new SendOutcome(SendStatus.ChannelGone, Error: $"'{channel.ExternalId}' is not a Discord channel id");
        }
        // Feed text must never ping @everyone, roles or users, whatever it contains: only a mention rule's own ids may.
        message.AllowedMentions ??= AllowedMentions.None;
        message.AllowedMentions.Parse = [];
        try
        {
            if (await forums.ForumOrNullAsync(channelId, ct) is { } forum)
            {
                var thread = await forums.PostOnceAsync(forum, title, message, tags, ct);
                return SendOutcome.Ok(thread.ToString(CultureInfo.InvariantCulture));
            }
            if (nonce is not null)
            {
                message.Nonce = FitNonce(nonce);
                message.EnforceNonce = true;
            }
            var sent = await rest.CreateMessageAsync(channelId, message, files ?? [], ct);
            return SendOutcome.Ok(sent.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (DiscordApiException e)
        {
            var outcome = Outcome(e);
            if (outcome.Status == SendStatus.ChannelGone && !e.FromEarlierFailure)
            {
                logger.LogWarning("Discord channel {Channel} refused the bot: {Error}", channelId, e.Message);
            }
            return outcome;
        }
        catch (ArgumentException e)
        {
            // The client's own limit check: this message can never go, others may.
            return new SendOutcome(SendStatus.Rejected, Error: e.Message);
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(SendStatus.Retry, Error: "network: " + e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new SendOutcome(SendStatus.Retry, Error: "Discord did not answer in time: " + e.Message);
        }
    }

    /// <summary>What a refusal means for the outbox row.</summary>
    public static SendOutcome Outcome(DiscordApiException e) => e switch
    {
        { Code: DiscordApiException.UnknownChannel or DiscordApiException.MissingAccess or DiscordApiException.MissingPermissions }
            => new SendOutcome(SendStatus.ChannelGone, Error: e.Message),
        // A bad token is not the channel's fault: pausing every channel would lose them all at once.
        { HttpStatus: HttpStatusCode.Unauthorized } => new SendOutcome(SendStatus.Retry, Error: e.Message, RetryAfter: TimeSpan.FromMinutes(5)),
        { HttpStatus: HttpStatusCode.Forbidden or HttpStatusCode.NotFound } => new SendOutcome(SendStatus.ChannelGone, Error: e.Message),
        { HttpStatus: HttpStatusCode.TooManyRequests } => new SendOutcome(SendStatus.Retry, Error: e.Message, RetryAfter: TimeSpan.FromMinutes(1)),
        { HttpStatus: >= HttpStatusCode.InternalServerError } => new SendOutcome(SendStatus.Retry, Error: e.Message),
        // Which field Discord refused is in its errors object; an image URL it would not take is retried as an upload.
        _ => new SendOutcome(SendStatus.Rejected, Error: e.Errors is { Length: > 0 } errors ? $"{e.Message} {PostEmbeds.Clip(errors, 500)}" : e.Message),
    };

    /// <summary>Discord caps nonces at 25 characters; a longer one is hashed so every retry still sends the same value.</summary>
    internal static string FitNonce(string nonce)
    {
        if (nonce.Length <= DiscordLimits.Nonce)
        {
            return nonce;
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)))[..DiscordLimits.Nonce];
    }
}
