using System.Collections.Concurrent;
using NewsBot.Delivery;
using NewsBot.Storage;

namespace NewsBot.Tests.Delivery;

/// <summary>A destination whose answers a test scripts, recording what reached it; for the worker's own state machine.</summary>
public sealed class ScriptedSender(string platform) : IChannelSender
{
    public ConcurrentQueue<Func<ChatChannel, Post, SendOutcome>> Script { get; } = new();

    public ConcurrentQueue<(string ExternalId, string Title, string Nonce)> Delivered { get; } = new();

    public string Platform => platform;

    public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct)
    {
        var outcome = Script.TryDequeue(out var next) ? next(channel, post) : SendOutcome.Ok("m-" + nonce);
        if (outcome.Status == SendStatus.Sent)
        {
            Delivered.Enqueue((channel.ExternalId, post.Title, nonce));
        }
        return Task.FromResult(outcome);
    }

    public ConcurrentQueue<(string ExternalId, DigestPage Page)> Digests { get; } = new();

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        Digests.Enqueue((channel.ExternalId, page));
        return Task.FromResult(SendOutcome.Ok("d-" + nonce));
    }

    public bool FitsOneMessage(DigestPage page) => page.Groups.Sum(g => g.Entries.Count) <= 5;

    public ConcurrentQueue<(string ExternalId, string Text)> Notices { get; } = new();

    public ConcurrentQueue<Func<string, SendOutcome>> NoticeScript { get; } = new();

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct)
    {
        var outcome = NoticeScript.TryDequeue(out var next) ? next(text) : SendOutcome.Ok(null);
        if (outcome.Status == SendStatus.Sent)
        {
            Notices.Enqueue((channel.ExternalId, text));
        }
        return Task.FromResult(outcome);
    }

    public ConcurrentQueue<Func<Post, SendOutcome>> EditScript { get; } = new();

    public ConcurrentQueue<(string ExternalId, string MessageId, Post Post)> Edits { get; } = new();

    public Task<SendOutcome> EditAsync(ChatChannel channel, string messageId, Post post, CancellationToken ct)
    {
        Edits.Enqueue((channel.ExternalId, messageId, post));
        return Task.FromResult(EditScript.TryDequeue(out var next) ? next(post) : SendOutcome.Ok(messageId));
    }
}
