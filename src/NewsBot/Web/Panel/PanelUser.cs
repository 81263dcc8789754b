using System.Globalization;
using System.Security.Claims;

namespace NewsBot.Web.Panel;

/// <summary>The signed-in person as the session cookie carries them: a Discord and/or a Telegram identity.</summary>
public static class PanelUser
{
    public const string Scheme = "newsbot";
    public const string DiscordId = "discord_id";
    public const string DiscordGuilds = "discord_guilds";
    public const string TelegramId = "telegram_id";

    public static ulong? Discord(this ClaimsPrincipal user) =>
        ulong.TryParse(user.FindFirstValue(DiscordId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static long? Telegram(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(TelegramId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Guilds where Discord's sign-in answer said the user may manage the server; the bot checks again before any use.</summary>
    public static HashSet<string> ClaimedGuilds(this ClaimsPrincipal user) =>
        (user.FindFirstValue(DiscordGuilds) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public static string DisplayName(this ClaimsPrincipal user) =>
        string.Join(" · ", user.FindAll(ClaimTypes.Name).Select(c => c.Value).Distinct(StringComparer.Ordinal));

    /// <summary>A session with this identity added: signing in with the other platform keeps the first one.</summary>
    public static ClaimsPrincipal With(ClaimsPrincipal? current, string platform, IEnumerable<Claim> claims)
    {
        var kept = (current?.Identity?.IsAuthenticated ?? false)
            ? current.Claims.Where(c => !c.Type.StartsWith(platform, StringComparison.Ordinal) && !(c.Type == ClaimTypes.Name && c.Issuer == platform))
            : [];
        return new ClaimsPrincipal(new ClaimsIdentity(kept.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer)).Concat(claims), Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Only a path on this site: "//host", "/\host", absolute URLs and control characters fall back to the start page.</summary>
    public static string LocalReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000 || url[0] != '/' || url.Any(char.IsControl))
        {
            return "/";
        }
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return "/";
        }
        return url;
    }
}
