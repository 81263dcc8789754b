using NewsBot.Discord;
using NewsBot.Discord.Rest;

namespace NewsBot.DiscordBot;

/// <summary>
/// At start, replaces the application's slash commands with one bulk overwrite (per configured guild, which takes
/// effect at once, or globally); then runs the gateway shards of this instance and hands their events on.
/// </summary>
public sealed partial class DiscordBotService(
    DiscordRestClient rest,
    DiscordOptions options,
    DiscordBotOptions botOptions,
    InteractionHandler interactions,
    DiscordEvents events,
    TimeProvider time,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterCommandsAsync(stoppingToken);
        await RunGatewayAsync(stoppingToken);
    }

    /// <summary>A failure here is logged, not fatal: posting works without commands.</summary>
    internal async Task RegisterCommandsAsync(CancellationToken ct)
    {
        var commands = SlashCommands.All();
        try
        {
            if (botOptions.GuildIds.Count == 0)
            {
                await rest.BulkOverwriteGlobalCommandsAsync(commands, ct);
            }
            foreach (var guild in botOptions.GuildIds.Distinct())
            {
                await rest.BulkOverwriteGuildCommandsAsync(guild, commands, ct);
            }
            logger.LogInformation("Registered {Count} Discord commands {Where}", commands.Count,
                botOptions.GuildIds.Count == 0 ? "globally" : $"in {botOptions.GuildIds.Count} guild(s)");
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException or InvalidOperationException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogError("Could not register the Discord commands: {Error}", e.Message);
        }
    }
}
