using NewsBot.Storage;

namespace NewsBot.Delivery;

/// <summary>One thin client per destination platform: renders a post and sends it, reporting what the platform said.</summary>
public interface IChannelSender
{
    string Platform { get; }

    Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct);

    /// <summary>Sends one digest page as one message. The digest job splits digests into pages with <see cref="FitsOneMessage"/>.</summary>
    Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct);

    /// <summary>Whether the page, rendered for this platform, fits the platform's limits for one message.</summary>
    bool FitsOneMessage(DigestPage page);

    /// <summary>
    /// Re-renders a post already sent as <paramref name="messageId"/>, now listing the sources merged into it since.
    /// <see cref="SendStatus.Sent"/> when the message shows the post (an edit that changes nothing included); the
    /// message is never posted anew. A platform that cannot edit says so as <see cref="SendStatus.Rejected"/>.
    /// </summary>
    Task<SendOutcome> EditAsync(ChatChannel channel, string messageId, Post post, CancellationToken ct) =>
        Task.FromResult(new SendOutcome(SendStatus.Rejected, Error: $"{Platform} messages cannot be edited"));

    /// <summary>
    /// Sends a notice row. A lost channel's notice goes wherever the platform still reaches its people; a platform with
    /// no such place refuses it. The nonce is the row's, for platforms that drop a repeated send.
    /// </summary>
    Task<SendOutcome> SendNoticeAsync(ChatChannel channel, Notice notice, CancellationToken ct) =>
        notice.Kind == NoticeKind.ChannelLost
            ? Task.FromResult(new SendOutcome(SendStatus.Rejected, Error: $"a lost {Platform} channel cannot be told"))
            : NotifyAsync(channel, notice.Text, ct);

    /// <summary>Sends a short service notice (feed failing, subscription paused). Best effort.</summary>
    Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct);
}

public enum SendStatus
{
    /// <summary>The platform accepted the message.</summary>
    Sent,
    /// <summary>Try again later (rate limit, network error, 5xx).</summary>
    Retry,
    /// <summary>The destination is gone or forbids the bot: pause the channel.</summary>
    ChannelGone,
    /// <summary>The destination moved (a Telegram group upgraded to a supergroup): move the channel and resend.</summary>
    Moved,
    /// <summary>This message can never be sent (rejected content); other messages may.</summary>
    Rejected,
}

public sealed record SendOutcome(SendStatus Status, string? MessageId = null, string? Error = null, TimeSpan? RetryAfter = null, string? NewExternalId = null)
{
    public static SendOutcome Ok(string? messageId) => new(SendStatus.Sent, messageId);
}
