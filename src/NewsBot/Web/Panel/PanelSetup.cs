using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using NewsBot.Telegram;

namespace NewsBot.Web.Panel;

/// <summary>The control panel: cookie sessions, sign-in with Discord or Telegram, Razor Pages with anti-forgery on every form.</summary>
public static class PanelSetup
{
    public static IServiceCollection AddPanel(this IServiceCollection services, PanelOptions options)
    {
        services.AddHttpClient("discord-oauth", c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<DiscordSignIn>();
        services.AddSingleton<TelegramLogin>();
        services.AddSingleton<PanelAccess>();
        // One key ring for the deployment, in its database: sessions and form tokens hold across instances and restarts.
        services.AddDataProtection().SetApplicationName("NewsBot");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRing(sp.GetRequiredService<NewsBot.Storage.DbFactory>())));
        var secure = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAuthentication(PanelUser.Scheme).AddCookie(PanelUser.Scheme, o =>
        {
            o.Cookie.Name = "newsbot.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = false;
            o.LoginPath = "/signin";
            o.ReturnUrlParameter = "returnUrl";
            o.Events = new CookieAuthenticationEvents
            {
                // A refused page says so with 403 rather than sending the browser in a circle.
                OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "newsbot.af";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(o =>
        {
            // Pages live with the rest of the web side, not in a top-level Pages folder.
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
        });
        return services;
    }

    public static WebApplication UsePanel(this WebApplication app)
    {
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = [new CultureInfo("en"), new CultureInfo("zh")],
            SupportedUICultures = [new CultureInfo("en"), new CultureInfo("zh")],
        });
        app.Use(async (http, next) =>
        {
            // The sign-in page loads Telegram's widget; every other page runs no script at all.
            var widget = http.Request.Path.StartsWithSegments("/signin");
            http.Response.Headers["Content-Security-Policy"] = widget
                ? "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https://telegram.org https://t.me; script-src https://telegram.org; frame-src https://oauth.telegram.org; form-action 'self'; frame-ancestors 'none'"
                : "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.MapGet("/auth/discord", (HttpContext http, string? returnUrl, DiscordSignIn discord) => discord.Start(http, returnUrl));
        app.MapGet(PanelOptions.CallbackPath, (HttpContext http, DiscordSignIn discord, CancellationToken ct) => discord.CallbackAsync(http, ct));
        app.MapGet("/auth/telegram", async (HttpContext http, TelegramLogin login, IServiceProvider sp, PanelOptions options, TimeProvider time) =>
        {
            if (sp.GetService<TelegramOptions>() is not { BotToken: { Length: > 0 } token })
            {
                return Results.NotFound();
            }
            var fields = http.Request.Query.Where(q => q.Key != "returnUrl").Select(q => new KeyValuePair<string, string>(q.Key, q.Value.ToString()));
            var user = login.Verify(fields, token, out var error);
            if (user is null)
            {
                return Results.Redirect("/signin?error=" + Uri.EscapeDataString(error));
            }
            var claims = new[]
            {
                new System.Security.Claims.Claim(PanelUser.TelegramId, user.Id.ToString(CultureInfo.InvariantCulture), "string", "telegram"),
                new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user.Name, "string", "telegram"),
            };
            return await PanelSession.SignInAsync(http, "telegram", claims, http.Request.Query["returnUrl"].ToString(), options, time);
        });
        app.MapRazorPages();
        return app;
    }
}
