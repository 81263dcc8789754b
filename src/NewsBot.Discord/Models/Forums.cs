namespace NewsBot.Discord;

/// <summary>Starts a thread in a forum channel with its first message (POST /channels/{id}/threads).</summary>
public sealed class ForumPostRequest
{
    /// <summary>The thread's name: 1 to 100 characters.</summary>
    public required string Name { get; set; }
    /// <summary>The starter message. Discord takes no nonce here, so repeats must be found by the caller.</summary>
    public required MessageRequest Message { get; set; }
    /// <summary>Ids of the forum's tags to apply, at most 5.</summary>
    public List<string>? AppliedTags { get; set; }
}

/// <summary>The answer of GET /guilds/{id}/threads/active.</summary>
public sealed class ActiveThreads
{
    /// <summary>Every active (unarchived) thread of the guild the bot can see.</summary>
    public List<DiscordChannel> Threads { get; set; } = [];
}
