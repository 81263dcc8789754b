using NewsBot.Delivery;
using NewsBot.Discord;
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
        services.AddSingleton<GuildDirectory>();
        services.AddSingleton<DiscordChannels>();
        services.AddSingleton<InteractionHandler>();
        services.AddSingleton<DiscordEvents>();
        services.AddSingleton<ForumPosts>();
        services.AddSingleton<IChannelSender, DiscordSender>();
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
