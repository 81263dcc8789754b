using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsBot.Delivery;
using Telegram.Bot;

namespace NewsBot.Telegram;

public static class TelegramSetup
{
    /// <summary>Registers the Telegram channel when Telegram:BotToken is set; registers nothing otherwise.</summary>
    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        if (!options.Enabled)
        {
            return services;
        }
        services.TryAddSingleton(options);
        services.AddHttpClient("telegram", c => c.Timeout = options.PollTimeout + TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) });
        services.AddSingleton(sp => new TelegramBotClient(
            new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl) { RetryCount = options.RetryCount, RetryThreshold = options.RetryThreshold },
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("telegram")));
        services.AddSingleton<TelegramBotInfo>();
        services.AddSingleton<TelegramRateLimiter>();
        services.AddSingleton<TelegramCallbackData>();
        services.AddSingleton<TelegramAdmins>();
        services.AddSingleton<TelegramMembership>();
        services.AddSingleton<TelegramChannelTarget>();
        services.AddSingleton<TelegramUpdates>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<TelegramSender>());
        services.AddSingleton<TelegramBotService>();
        services.AddHostedService(sp => sp.GetRequiredService<TelegramBotService>());
        return services;
    }
}
