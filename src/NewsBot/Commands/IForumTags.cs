namespace NewsBot.Commands;

/// <summary>The tags of a Discord forum channel, for `/set tags`; null when the chat is not a forum.</summary>
public interface IForumTags
{
    Task<IReadOnlyList<(string Id, string Name)>?> OfAsync(ChannelRef channel, CancellationToken ct);
}
