using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsBot.Storage;
using NewsBot.Tests.Discord.Fakes;
using NewsBot.Tests.DiscordBot;
using static NewsBot.Tests.DiscordBot.DiscordBotHost;

namespace NewsBot.Tests.Panel;

/// <summary>
/// The panel with Discord sign-in against the loopback OAuth provider: Alice manages the first guild (a role with
/// Manage Server, in the bot's own view of it); her sign-in also claims a second guild the bot says she does not manage.
/// One channel in each (<paramref name="Mine"/>, <paramref name="Theirs"/>). <paramref name="Url"/> is the panel's address,
/// on a fixed port: the OAuth redirect URL must be known before the host starts.
/// </summary>
internal sealed record DiscordPanel(DiscordBotHost Host, FakeDiscordOAuth OAuth, WebApplication App, string Url, long Mine, long Theirs) : IAsyncDisposable
{
    public const ulong OtherGuild = 700000000000000002;
    private const ulong ModRole = 720000000000000001;
    private const ulong OtherChannel = 710000000000000031;

    public static async Task<DiscordPanel> StartAsync()
    {
        var host = await DiscordBotHost.StartAsync();
        var oauth = await FakeDiscordOAuth.StartAsync();
        var alice = oauth.User.Id;
        host.Discord.AddGuild(Guild, 400000000000000099, (Guild, 0), (ModRole, 32));
        host.Discord.AddMember(Guild, alice, ModRole);
        host.Discord.AddGuild(OtherGuild, 400000000000000099, (OtherGuild, 0));
        host.Discord.AddMember(OtherGuild, alice);
        // Her sign-in claims Manage Server in both (an old token, a changed role: the panel must not believe it).
        oauth.Guilds.Add((Guild, false, 32));
        oauth.Guilds.Add((OtherGuild, false, 32));

        var url = $"http://127.0.0.1:{FreePort()}";
        var app = await host.BuildAsync(
            ("Web:Urls", url),
            ("Web:Discord:ClientId", FakeDiscordOAuth.ClientId),
            ("Web:Discord:ClientSecret", FakeDiscordOAuth.ClientSecret),
            ("Web:Discord:AuthorizeUrl", oauth.BaseUrl + "/oauth2/authorize"),
            ("Web:Discord:TokenUrl", oauth.BaseUrl + "/api/oauth2/token"),
            ("Web:Discord:ApiBaseUrl", oauth.BaseUrl + "/api/v10"),
            ("Web:Discord:RedirectUrl", url + "/auth/discord/callback"));
        ChatChannel a, b;
        await using (var db = app.Services.GetRequiredService<DbFactory>().Create())
        {
            a = new ChatChannel { Platform = Platforms.Discord, ExternalId = Id(ChannelA), GuildId = Id(Guild), Title = "news", CreatedAt = DateTime.UtcNow };
            b = new ChatChannel { Platform = Platforms.Discord, ExternalId = Id(OtherChannel), GuildId = Id(OtherGuild), Title = "elsewhere", CreatedAt = DateTime.UtcNow };
            db.Channels.AddRange(a, b);
            await db.SaveChangesAsync();
        }
        await app.StartAsync();
        return new DiscordPanel(host, oauth, app, url, a.Id, b.Id);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await OAuth.DisposeAsync();
        await Host.DisposeAsync();
    }
}
