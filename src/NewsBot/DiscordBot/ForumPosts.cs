using System.Collections.Concurrent;
using System.Globalization;
using NewsBot.Discord;
using NewsBot.Discord.Rest;

namespace NewsBot.DiscordBot;

/// <summary>
/// Forum channels as destinations: each post starts a thread named after it. Discord takes no nonce
/// when a thread is started, so before starting one this looks for an active thread of ours with the same
/// name in that forum: a send whose answer was lost (a timeout, a crash before the outbox row was marked)
/// then finds its thread instead of starting a second one.
/// </summary>
public sealed class ForumPosts(DiscordRestClient rest, DiscordOptions options)
{
    // A channel's type never changes, so one look per channel and process is enough.
    private readonly ConcurrentDictionary<ulong, DiscordChannel> _channels = new();

    /// <summary>The channel when it is a forum channel; null for channels that take messages directly.</summary>
    public async Task<DiscordChannel?> ForumOrNullAsync(ulong channelId, CancellationToken ct)
    {
        if (!_channels.TryGetValue(channelId, out var channel))
        {
            channel = await rest.GetChannelAsync(channelId, ct);
            _channels[channelId] = channel;
        }
        return channel.IsForum ? channel : null;
    }

    /// <summary>Starts the thread, with the forum tags given, unless ours with this name is already active; returns the thread's id.</summary>
    /// <param name="tags">Tag ids; those the forum no longer has are left out (Discord refuses unknown ones).</param>
    public async Task<ulong> PostOnceAsync(DiscordChannel forum, string title, MessageRequest message, IReadOnlyList<string>? tags, CancellationToken ct)
    {
        var name = ThreadName(title);
        if (forum.GuildId is { } guild)
        {
            var active = await rest.ListActiveThreadsAsync(guild, ct);
            var earlier = active.Threads.FirstOrDefault(t => t.ParentId == forum.Id && t.OwnerId == options.ApplicationId && t.Name == name);
            if (earlier is not null)
            {
                return earlier.Id;
            }
        }
        var known = tags?.Where(t => forum.AvailableTags?.Any(a => a.Id == t) == true).Take(5).ToList();
        var thread = await rest.CreateForumPostAsync(forum.Id, new ForumPostRequest { Name = name, Message = message, AppliedTags = known is { Count: > 0 } ? known : null }, ct);
        return thread.Id;
    }

    /// <summary>One line of at most 100 text elements, never empty: Discord refuses anything else.</summary>
    internal static string ThreadName(string title)
    {
        var line = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0)
        {
            return "NewsBot";
        }
        if (line.Length <= DiscordLimits.ThreadName)
        {
            return line;
        }
        var cut = new StringInfo(line);
        var elements = cut.LengthInTextElements;
        var take = Math.Min(elements, DiscordLimits.ThreadName - 1);
        while (take > 0 && cut.SubstringByTextElements(0, take).Length > DiscordLimits.ThreadName - 1)
        {
            take--;
        }
        return cut.SubstringByTextElements(0, take).TrimEnd() + "…";
    }
}
