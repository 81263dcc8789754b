using NewsBot.Commands;
using NewsBot.Routing;

namespace NewsBot.Digests;

public static class DigestsSetup
{
    /// <summary>Topics, /news, digests (Quartz cron triggers per channel), OPML commands and the feed catalog.</summary>
    public static IServiceCollection AddTopicsAndDigests(this IServiceCollection services)
    {
        services.AddSingleton<DigestSender>();
        services.AddSingleton<DigestRuns>();
        services.AddSingleton<DigestScheduler>();
        services.AddTransient<DigestJob>();
        services.AddSingleton<TopicCommand>();
        services.AddSingleton<NewsCommand>();
        services.AddSingleton<DigestCommand>();
        services.AddSingleton<OpmlChatCommand>();
        services.AddSingleton<SetCommand>();
        services.AddSingleton<CatalogLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogLoader>());
        services.AddHostedService<DigestStartup>();
        return services;
    }
}
