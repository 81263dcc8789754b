using NewsBot.Storage;

namespace NewsBot.Commands;

/// <summary>Names a destination the way commands and the CLI do: platform, chat or channel id, optional thread.</summary>
public sealed record ChannelRef(string Platform, string ExternalId, string ThreadId = "")
{
    public static readonly ChannelRef DefaultConsole = new(Platforms.Console, "main");

    /// <summary>Parses "platform:id" or "platform:id:thread" as the CLI's --channel takes it.</summary>
    public static bool TryParse(string? text, out ChannelRef channel, out string error)
    {
        channel = DefaultConsole;
        error = "";
        var parts = (text ?? "").Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0 || p.Length > 64))
        {
            error = $"'{text}' is not a channel; use platform:id, e.g. console:main, telegram:-1001234567890 or discord:123456789012345678";
            return false;
        }
        var platform = parts[0].ToLowerInvariant();
        if (!Platforms.IsKnown(platform))
        {
            error = $"unknown platform '{parts[0]}'; use console, telegram or discord";
            return false;
        }
        if (platform != Platforms.Console && !long.TryParse(parts[1], out _))
        {
            error = $"'{parts[1]}' is not a {platform} chat id (a number)";
            return false;
        }
        channel = new ChannelRef(platform, parts[1], parts.Length == 3 ? parts[2] : "");
        return true;
    }

    public override string ToString() => ThreadId.Length == 0 ? $"{Platform}:{ExternalId}" : $"{Platform}:{ExternalId}:{ThreadId}";
}
