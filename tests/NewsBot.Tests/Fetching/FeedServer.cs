using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsBot.Tests.Fetching;

/// <summary>A feed server on 127.0.0.1 whose every request goes to one handler the test writes.</summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private FeedServer(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public int Port => BaseUrl.Port;

    /// <summary>Requests that reached the server.</summary>
    public int Requests => Volatile.Read(ref requests);

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<FeedServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FeedServer(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref server.requests);
            return handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
