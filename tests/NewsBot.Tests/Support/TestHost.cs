using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Hosting;

namespace NewsBot.Tests.Support;

/// <summary>The real host, in-process, on a temporary SQLite file, with console posts captured.</summary>
public static class TestHost
{
    public static Dictionary<string, string?> Settings(TempDatabase db, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = db.ConnectionString,
            ["Feeds:DefaultInterval"] = "00:00:01",
            ["Feeds:MinInterval"] = "00:00:01",
            ["Feeds:AllowPrivateAddresses"] = "true",
            ["Worker:TickInterval"] = "00:00:01",
            ["Worker:DeliveryPollInterval"] = "00:00:00.200",
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Console:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests never reach the internet: no catalog of real feeds.
            ["Catalog:Path"] = "",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    public static WebApplication Build(Dictionary<string, string?> settings, TextWriter stdout, Action<IServiceCollection>? services = null)
    {
        if (!settings.ContainsKey("Worker:SchedulerName"))
        {
            // Quartz scheduler names are process-wide; each in-process host gets its own unless a test shares one on purpose.
            settings = new Dictionary<string, string?>(settings) { ["Worker:SchedulerName"] = "NewsBot-" + Guid.NewGuid().ToString("N")[..8] };
        }
        var app = NewsBotApp.Build([], new HostOverrides { Settings = settings, Stdout = stdout, Services = services }, out var error);
        Assert.True(app is not null, error);
        return app!;
    }
}
