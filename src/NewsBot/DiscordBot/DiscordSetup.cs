using NewsBot.Commands;
using NewsBot.Delivery;
using NewsBot.Discord;
using NewsBot.Discord.Cdn;
using NewsBot.Discord.Rest;

namespace NewsBot.DiscordBot;

public static class DiscordSetup
{
    /// <summary>Discord commands, posts and events; nothing at all unless Discord:BotToken is set.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]))
        {
            return services;
        }
        services.AddHttpClient("discord", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("discord"),
            sp.GetRequiredService<DiscordOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        // Attachments come from users: no redirects (they could lead off Discord's CDN), no bot token, a short timeout.
        services.AddHttpClient("discord-cdn", c => c.Timeout = TimeSpan.FromMinutes(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None });
        services.AddSingleton(sp => new AttachmentDownloader(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("discord-cdn"),
            sp.GetRequiredService<DiscordOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OpmlAttachment>();
        services.AddSingleton<GuildDirectory>();
        services.AddSingleton<DiscordChannels>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<DiscordEvents>();
        services.AddSingleton<ForumPosts>();
        services.AddSingleton<IForumTags, DiscordForumTags>();
        services.AddSingleton<IChannelSender, DiscordSender>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
