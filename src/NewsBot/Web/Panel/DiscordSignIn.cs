using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using NewsBot.Discord;

namespace NewsBot.Web.Panel;

/// <summary>
/// Discord's OAuth2 authorization-code flow with PKCE (S256) and a state value, scopes identify and guilds. The state,
/// the code verifier and where to go afterwards travel in a short-lived encrypted cookie, so nothing is kept per
/// browser on the server and several instances can share the work.
/// </summary>
public sealed class DiscordSignIn(PanelOptions options, IHttpClientFactory clients, IDataProtectionProvider protection, TimeProvider time, ILogger<DiscordSignIn> logger)
{
    private const string FlowCookie = "newsbot.oauth";
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _protector = protection.CreateProtector("NewsBot.Web.DiscordSignIn");

    public IResult Start(HttpContext http, string? returnUrl)
    {
        if (!options.Discord.Enabled)
        {
            return Results.NotFound();
        }
        var state = Random();
        var verifier = Random();
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var expires = time.GetUtcNow() + FlowLifetime;
        var flow = string.Join('\n', state, verifier, PanelUser.LocalReturnUrl(returnUrl), expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(FlowCookie, _protector.Protect(flow), new CookieOptions
        {
            HttpOnly = true,
            // Lax: Discord sends the browser back with a top-level GET, which carries Lax cookies.
            SameSite = SameSiteMode.Lax,
            Secure = options.SecureCookies || http.Request.IsHttps,
            Path = PanelOptions.CallbackPath,
            MaxAge = FlowLifetime,
        });
        var url = QueryHelpers.AddQueryString(options.Discord.AuthorizeUrl.AbsoluteUri, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = options.Discord.ClientId,
            ["scope"] = "identify guilds",
            ["state"] = state,
            ["redirect_uri"] = options.DiscordRedirectUrl!.AbsoluteUri,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["prompt"] = "none",
        });
        return Results.Redirect(url);
    }

    public async Task<IResult> CallbackAsync(HttpContext http, CancellationToken ct)
    {
        if (!options.Discord.Enabled)
        {
            return Results.NotFound();
        }
        var query = http.Request.Query;
        var flow = ReadFlow(http);
        http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = PanelOptions.CallbackPath, Secure = options.SecureCookies || http.Request.IsHttps, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (flow is null || !SameText(flow.Value.State, query["state"].ToString()))
        {
            return Refuse("sign-in expired or came from elsewhere; try again");
        }
        if (query["error"].Count > 0 || string.IsNullOrEmpty(query["code"]))
        {
            return Refuse("Discord did not sign you in: " + (query["error_description"].ToString() is { Length: > 0 } d ? d : query["error"].ToString()));
        }
        var http2 = clients.CreateClient("discord-oauth");
        try
        {
            using var tokenResponse = await http2.PostAsync(options.Discord.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = query["code"].ToString(),
                ["redirect_uri"] = options.DiscordRedirectUrl!.AbsoluteUri,
                ["code_verifier"] = flow.Value.Verifier,
                ["client_id"] = options.Discord.ClientId!,
                ["client_secret"] = options.Discord.ClientSecret!,
            }), ct);
            if (!tokenResponse.IsSuccessStatusCode)
            {
                logger.LogInformation("Discord refused the sign-in code: HTTP {Status}", (int)tokenResponse.StatusCode);
                return Refuse("Discord refused the sign-in; try again");
            }
            using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(ct));
            var accessToken = token.RootElement.GetProperty("access_token").GetString()!;
            var me = await GetAsync<DiscordOAuthUser>(http2, "users/@me", accessToken, ct);
            var guilds = await GetAsync<List<DiscordOAuthGuild>>(http2, "users/@me/guilds", accessToken, ct);
            var managed = guilds.Where(g => g.Owner || (g.Permissions & (DiscordPermissions.Administrator | DiscordPermissions.ManageGuild)) != 0)
                .Select(g => g.Id.ToString(CultureInfo.InvariantCulture));
            var claims = new List<Claim>
            {
                new(PanelUser.DiscordId, me.Id.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.String, "discord"),
                new(ClaimTypes.Name, me.GlobalName ?? me.Username ?? me.Id.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.String, "discord"),
                new(PanelUser.DiscordGuilds, string.Join(' ', managed), ClaimValueTypes.String, "discord"),
            };
            return await PanelSession.SignInAsync(http, "discord", claims, flow.Value.ReturnUrl, options, time);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Discord sign-in failed: {Error}", e.Message);
            return Refuse("Discord did not answer as expected; try again");
        }
    }

    private async Task<T> GetAsync<T>(HttpClient client, string path, string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Discord.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(ct), DiscordJson.Options) ?? throw new JsonException("empty answer");
    }

    private (string State, string Verifier, string ReturnUrl)? ReadFlow(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(FlowCookie, out var sealedFlow))
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(sealedFlow).Split('\n');
            if (parts.Length != 4 || DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[3], CultureInfo.InvariantCulture)) < time.GetUtcNow())
            {
                return null;
            }
            return (parts[0], parts[1], parts[2]);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private static IResult Refuse(string why) => Results.Redirect("/signin?error=" + Uri.EscapeDataString(why));

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Random() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class DiscordOAuthUser
    {
        public ulong Id { get; set; }
        public string? Username { get; set; }
        public string? GlobalName { get; set; }
    }

    private sealed class DiscordOAuthGuild
    {
        public ulong Id { get; set; }
        public bool Owner { get; set; }
        public DiscordPermissions Permissions { get; set; }
    }
}

/// <summary>Writes the session cookie once an identity is proven.</summary>
public static class PanelSession
{
    public static async Task<IResult> SignInAsync(HttpContext http, string platform, IEnumerable<Claim> claims, string returnUrl, PanelOptions options, TimeProvider time)
    {
        var current = await http.AuthenticateAsync(PanelUser.Scheme);
        var principal = PanelUser.With(current.Succeeded ? current.Principal : null, platform, claims);
        await http.SignInAsync(PanelUser.Scheme, principal, new AuthenticationProperties
        {
            IsPersistent = true,
            IssuedUtc = time.GetUtcNow(),
            ExpiresUtc = time.GetUtcNow() + options.SessionLifetime,
            AllowRefresh = false,
        });
        return Results.Redirect(PanelUser.LocalReturnUrl(returnUrl));
    }
}
