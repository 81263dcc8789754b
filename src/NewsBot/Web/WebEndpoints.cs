using Microsoft.AspNetCore.Authentication;
using NewsBot.Polling;
using NewsBot.Storage;
using NewsBot.Web.Panel;
using Quartz;

namespace NewsBot.Web;

/// <summary>The HTTP side of an instance: status page, liveness and readiness. It listens where Web:Urls says.</summary>
public static class WebEndpoints
{
    public static WebApplication MapNewsBotWeb(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (DbFactory dbs, ISchedulerFactory schedulers, CancellationToken ct) =>
        {
            var (ready, detail) = await Readiness.CheckAsync(dbs, schedulers, ct);
            return Results.Text(detail, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        // The operator's view of the panel. Basic auth (Web:User/Password) still opens it for scripts; with neither that
        // nor Web:Admins set it stays open, as before, on the loopback address Web:Urls defaults to.
        app.MapGet("/status", async (HttpContext http, DbFactory dbs, StatusPageOptions options, PanelOptions panel, PanelAccess access, InstanceName instance, TimeProvider time, CancellationToken ct) =>
        {
            var signedIn = await http.AuthenticateAsync(PanelUser.Scheme);
            var isOperator = signedIn.Succeeded && access.IsOperator(signedIn.Principal);
            var open = !options.RequiresAuth && panel.AdminIds().Count == 0;
            if (!isOperator && !open && !(options.RequiresAuth && BasicAuth.IsAuthorized(http.Request, options)))
            {
                if (!options.RequiresAuth)
                {
                    return Results.Redirect("/signin?returnUrl=%2Fstatus");
                }
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"NewsBot\", charset=\"UTF-8\"";
                return Results.Text("authentication required", statusCode: StatusCodes.Status401Unauthorized);
            }
            var snapshot = await StatusSnapshot.ReadAsync(dbs, time, ct);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(StatusPage.Render(snapshot, instance.Value), "text/html; charset=utf-8");
        });
        return app;
    }
}
