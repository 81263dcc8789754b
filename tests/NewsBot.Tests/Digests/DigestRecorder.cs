using System.Collections.Concurrent;
using NewsBot.Delivery;
using NewsBot.Storage;

namespace NewsBot.Tests.Digests;

/// <summary>A destination that records digest pages; its answers can be scripted, and a page holds at most <see cref="MaxEntries"/> stories.</summary>
public sealed class DigestRecorder(string platform = Platforms.Console, int maxEntries = 5) : IChannelSender
{
    public int MaxEntries => maxEntries;

    public ConcurrentQueue<SendOutcome> Script { get; } = new();

    public ConcurrentQueue<(string ExternalId, DigestPage Page, string Nonce)> Pages { get; } = new();

    public string Platform => platform;

    public Task<SendOutcome> SendAsync(ChatChannel channel, Post post, string nonce, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(nonce));

    public Task<SendOutcome> SendDigestAsync(ChatChannel channel, DigestPage page, string nonce, CancellationToken ct)
    {
        var outcome = Script.TryDequeue(out var next) ? next : SendOutcome.Ok("d-" + nonce);
        if (outcome.Status == SendStatus.Sent)
        {
            Pages.Enqueue((channel.ExternalId, page, nonce));
        }
        return Task.FromResult(outcome);
    }

    public bool FitsOneMessage(DigestPage page) => page.Groups.Sum(g => g.Entries.Count) <= maxEntries;

    public Task<SendOutcome> NotifyAsync(ChatChannel channel, string text, CancellationToken ct) => Task.FromResult(SendOutcome.Ok(null));
}
