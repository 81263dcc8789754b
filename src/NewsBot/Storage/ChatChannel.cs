namespace NewsBot.Storage;

public static class Platforms
{
    public const string Console = "console";
    public const string Telegram = "telegram";
    public const string Discord = "discord";

    public static bool IsKnown(string platform) => platform is Console or Telegram or Discord;
}

/// <summary>A destination: a console, a Telegram chat (and forum topic) or a Discord channel (or thread).</summary>
public sealed class ChatChannel
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string ExternalId { get; set; }
    /// <summary>Forum topic or thread id; empty when the destination is the chat itself (empty, not null, so the unique index holds).</summary>
    public string ThreadId { get; set; } = "";
    /// <summary>Discord guild id, for permission checks and notices.</summary>
    public string? GuildId { get; set; }
    public string? Title { get; set; }
    public string Locale { get; set; } = "en";
    public string TimeZone { get; set; } = "UTC";
    /// <summary>
    /// The language this channel wants its summaries in (BCP 47: en, zh-Hans, zh-Hant, …), or null for each article's own.
    /// Other languages need the LLM; Simplified → Traditional Chinese is converted offline.
    /// </summary>
    public string? SummaryLanguage { get; set; }
    /// <summary>The display settings every subscription here starts from, as JSON (<see cref="NewsBot.Display.DisplaySettings"/>).</summary>
    public string? Display { get; set; }
    public string? PausedReason { get; set; }
    public DateTime? PausedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];
}
