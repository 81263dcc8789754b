using NewsBot.Discord.Gateway;

namespace NewsBot.DiscordBot;

public sealed partial class DiscordBotService
{
    /// <summary>
    /// Reads the gateway's events until shutdown. Each interaction runs on its own, so a slow command never holds up
    /// the next one's 3 s window; guild and channel events are applied in order.
    /// </summary>
    private async Task RunGatewayAsync(CancellationToken ct)
    {
        var gateway = new DiscordGatewayClient(rest, options, time);
        var run = gateway.RunAsync(ct);
        try
        {
            await foreach (var item in gateway.Events.ReadAllAsync(ct))
            {
                switch (item)
                {
                    case GatewayDispatch { Name: "INTERACTION_CREATE" } dispatch:
                        _ = Task.Run(() => HandleInteractionAsync(dispatch, ct), CancellationToken.None);
                        break;
                    case GatewayDispatch dispatch:
                        await HandleEventAsync(dispatch, ct);
                        break;
                    case GatewayStatusChange change:
                        logger.LogInformation("Discord shard {Shard}: {Status} ({Detail})", change.ShardId, change.Status, change.Detail);
                        break;
                }
            }
            await run;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Posting goes on over REST; only commands and guild events stop.
            logger.LogError("The Discord gateway stopped: {Error}", e.Message);
        }
    }

    private async Task HandleInteractionAsync(GatewayDispatch dispatch, CancellationToken ct)
    {
        try
        {
            if (dispatch.AsInteraction() is { } interaction)
            {
                await interactions.HandleAsync(interaction, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not answer a Discord interaction: {Error}", e.Message);
        }
    }

    private async Task HandleEventAsync(GatewayDispatch dispatch, CancellationToken ct)
    {
        try
        {
            await events.HandleAsync(dispatch.Name, dispatch.Data, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not apply Discord event {Event}: {Error}", dispatch.Name, e.Message);
        }
    }
}
