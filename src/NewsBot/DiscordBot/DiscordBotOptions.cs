using NewsBot.Discord;

namespace NewsBot.DiscordBot;

/// <summary>The bot's own settings in the "Discord" section (the client's are in <see cref="DiscordOptions"/>).</summary>
public sealed class DiscordBotOptions
{
    public const string Section = DiscordOptions.SectionName;

    /// <summary>Register the commands in these guilds only (instant; for tests and staging) instead of globally.</summary>
    public List<ulong> GuildIds { get; set; } = [];

    /// <summary>A command that has not answered by then is deferred, so the interaction is acknowledged within Discord's 3 s.</summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long downloading a file sent with a command (OPML import) may take.</summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public static IEnumerable<string> Rules(DiscordBotOptions o)
    {
        if (o.AttachmentTimeout < TimeSpan.FromSeconds(1) || o.AttachmentTimeout > TimeSpan.FromMinutes(5))
        {
            yield return "AttachmentTimeout: must be between 00:00:01 and 00:05:00";
        }
        if (o.DeferAfter < TimeSpan.Zero || o.DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            yield return "DeferAfter: must be between 00:00:00 and 00:00:02.5 (Discord drops interactions not answered within 3 s)";
        }
    }

    /// <summary>The client's settings matter only when a bot token is given; without one Discord is simply off.</summary>
    public static IEnumerable<string> ClientRules(DiscordOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.BotToken))
        {
            yield break;
        }
        if (o.Validate() is { } problem)
        {
            yield return problem.StartsWith(DiscordOptions.SectionName + ":", StringComparison.Ordinal) ? problem[(DiscordOptions.SectionName.Length + 1)..] : problem;
        }
        else if (o.ApplicationId is null or 0)
        {
            yield return "ApplicationId is required with Discord:BotToken (the application id from the developer portal).";
        }
    }
}
