using NewsBot.Polling;
using NewsBot.Storage;
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
        app.MapGet("/", async (HttpContext http, DbFactory dbs, StatusPageOptions options, InstanceName instance, TimeProvider time, CancellationToken ct) =>
        {
            if (!BasicAuth.IsAuthorized(http.Request, options))
            {
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
