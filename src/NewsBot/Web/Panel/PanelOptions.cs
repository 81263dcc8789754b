namespace NewsBot.Web.Panel;

/// <summary>
/// The control panel's settings in the "Web" section: where it is reached from outside, who operates it, and the
/// Discord application used for sign-in. Telegram sign-in needs only Telegram:BotToken (and /setdomain).
/// </summary>
public sealed class PanelOptions
{
    public const string Section = "Web";

    /// <summary>The panel's address as browsers see it (behind a proxy: the https URL); sets the OAuth redirect and Secure cookies.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Operators who see every channel and the status view: "discord:&lt;user id&gt;" or "telegram:&lt;user id&gt;", separated by commas or spaces.</summary>
    public string? Admins { get; set; }

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public DiscordSignIn Discord { get; set; } = new();

    public sealed class DiscordSignIn
    {
        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        /// <summary>Defaults to Web:PublicUrl + /auth/discord/callback; must be listed under OAuth2 → Redirects in the Discord developer portal.</summary>
        public Uri? RedirectUrl { get; set; }

        public Uri AuthorizeUrl { get; set; } = new("https://discord.com/oauth2/authorize");

        public Uri TokenUrl { get; set; } = new("https://discord.com/api/oauth2/token");

        /// <summary>Where /users/@me and /users/@me/guilds are read, with the user's token.</summary>
        public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

        public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
    }

    public const string CallbackPath = "/auth/discord/callback";

    public Uri? DiscordRedirectUrl => Discord.RedirectUrl ?? (PublicUrl is null ? null : new Uri(PublicUrl, CallbackPath));

    public bool SecureCookies => PublicUrl?.Scheme == Uri.UriSchemeHttps;

    public HashSet<string> AdminIds() =>
        (Admins ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    internal static IEnumerable<string> Rules(PanelOptions o)
    {
        if (o.PublicUrl is { } p && (!p.IsAbsoluteUri || (p.Scheme != Uri.UriSchemeHttp && p.Scheme != Uri.UriSchemeHttps)))
        {
            yield return "PublicUrl: must be an absolute http(s) URL such as https://newsbot.example.org";
        }
        foreach (var admin in o.AdminIds())
        {
            var parts = admin.Split(':');
            if (parts.Length != 2 || parts[0].ToLowerInvariant() is not ("discord" or "telegram") || !ulong.TryParse(parts[1], out _))
            {
                yield return $"Admins: '{admin}' is not discord:<user id> or telegram:<user id>";
            }
        }
        if (o.SessionLifetime < TimeSpan.FromMinutes(5) || o.SessionLifetime > TimeSpan.FromDays(30))
        {
            yield return "SessionLifetime: must be between 00:05:00 and 30.00:00:00";
        }
        if (o.Discord.Enabled)
        {
            if (string.IsNullOrWhiteSpace(o.Discord.ClientSecret))
            {
                yield return "Discord:ClientSecret: Web:Discord:ClientId is set, so the application's client secret is required too";
            }
            if (o.DiscordRedirectUrl is null)
            {
                yield return "Discord:RedirectUrl: set Web:Discord:RedirectUrl or Web:PublicUrl so Discord knows where to send people back";
            }
        }
    }
}
