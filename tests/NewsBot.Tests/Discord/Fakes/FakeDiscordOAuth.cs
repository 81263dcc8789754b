using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Discord.Fakes;

/// <summary>
/// Discord's OAuth2 authorization-code flow with PKCE on 127.0.0.1, as discord.com speaks it: GET /oauth2/authorize
/// (the user "approves" at once and is sent back to redirect_uri with a code and the state), POST /api/oauth2/token
/// (form-encoded; the code, redirect_uri, client credentials and code_verifier checked against the S256 challenge),
/// and GET /api/v10/users/@me and /users/@me/guilds with the Bearer token. Every refusal is recorded.
/// </summary>
public sealed class FakeDiscordOAuth : IAsyncDisposable
{
    public const string ClientId = "1300000000000000001";
    public const string ClientSecret = "oauth-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri, string Scope)> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();

    private FakeDiscordOAuth(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Who signs in: the user, and the guilds /users/@me/guilds lists with the permission bits it claims.</summary>
    public (ulong Id, string Name) User { get; set; } = (400000000000000077, "alice");

    public List<(ulong Id, bool Owner, ulong Permissions)> Guilds { get; } = [];

    public static async Task<FakeDiscordOAuth> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscordOAuth(app);
        app.MapGet("/oauth2/authorize", (Func<HttpContext, IResult>)fake.Authorize);
        app.MapPost("/api/oauth2/token", (Func<HttpContext, Task<IResult>>)fake.TokenAsync);
        app.MapGet("/api/v10/users/@me", (HttpContext c) => fake.Authorized(c) ? Results.Json(new JsonObject { ["id"] = Id(fake.User.Id), ["username"] = fake.User.Name, ["global_name"] = fake.User.Name }) : Results.Unauthorized());
        app.MapGet("/api/v10/users/@me/guilds", (HttpContext c) => fake.Authorized(c)
            ? Results.Json(new JsonArray([.. fake.Guilds.Select(g => (JsonNode)new JsonObject { ["id"] = Id(g.Id), ["name"] = "guild", ["owner"] = g.Owner, ["permissions"] = g.Permissions.ToString(CultureInfo.InvariantCulture) })]))
            : Results.Unauthorized());
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First().TrimEnd('/');
        return fake;
    }

    private IResult Authorize(HttpContext c)
    {
        var q = c.Request.Query;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"])
            || string.IsNullOrEmpty(q["state"]) || !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out var redirect))
        {
            return Refuse("authorize: " + c.Request.QueryString);
        }
        var scopes = q["scope"].ToString().Split(' ');
        if (!scopes.Contains("identify") || !scopes.Contains("guilds"))
        {
            return Refuse("authorize: scopes " + q["scope"]);
        }
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _codes[code] = (q["code_challenge"].ToString(), redirect.AbsoluteUri, q["scope"].ToString());
        return Results.Redirect(QueryHelpers.AddQueryString(redirect.AbsoluteUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
    }

    private async Task<IResult> TokenAsync(HttpContext c)
    {
        if (!c.Request.HasFormContentType)
        {
            return Refuse("token: not form-encoded", 400);
        }
        var form = await c.Request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Refuse("token: client or grant", 401);
        }
        if (!_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return Refuse("token: unknown or reused code", 400);
        }
        var verifier = form["code_verifier"].ToString();
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (challenge != issued.Challenge || form["redirect_uri"] != issued.RedirectUri)
        {
            return Refuse("token: PKCE verifier or redirect_uri does not match", 400);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = true;
        return Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 604800, ["refresh_token"] = "r", ["scope"] = issued.Scope });
    }

    private bool Authorized(HttpContext c)
    {
        var header = c.Request.Headers.Authorization.ToString();
        var ok = header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(header["Bearer ".Length..]);
        if (!ok)
        {
            Refusals.Enqueue("api: " + c.Request.Path + " without a valid Bearer token");
        }
        return ok;
    }

    private IResult Refuse(string why, int status = 400)
    {
        Refusals.Enqueue(why);
        return Results.Json(new JsonObject { ["error"] = "invalid_request", ["error_description"] = why }, statusCode: status);
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
