using System.Threading.Channels;
using NewsBot.Discord.Rest;

namespace NewsBot.Discord.Gateway;

/// <summary>
/// Receives events from Discord's gateway on one connection per shard this instance runs.
/// Events (dispatches and connection changes of every shard) arrive on <see cref="Events"/>, in order
/// per shard; the host reads them in a loop while <see cref="RunAsync"/> runs. The channel is
/// unbounded so that a slow reader never stalls heartbeats; read it promptly (interactions must be
/// answered within 3 s).
/// </summary>
public sealed class DiscordGatewayClient
{
    /// <summary>The GUILDS intent: guild, channel and thread events. INTERACTION_CREATE needs no intent.</summary>
    public const int GuildsIntent = 1;

    private readonly DiscordRestClient _rest;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<GatewayEvent> _events = Channel.CreateUnbounded<GatewayEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private int _started;

    /// <summary>Creates the client; <paramref name="rest"/> answers <c>GET /gateway/bot</c>.</summary>
    public DiscordGatewayClient(DiscordRestClient rest, DiscordOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(options);
        _rest = rest;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gateway intents sent in identify; <see cref="GuildsIntent"/> by default.</summary>
    public int Intents { get; init; } = GuildsIntent;

    /// <summary>Dispatches and status changes of all shards. Completes when <see cref="RunAsync"/> ends (with its error, if any).</summary>
    public ChannelReader<GatewayEvent> Events => _events.Reader;

    /// <summary>
    /// Connects the shards and keeps them connected until <paramref name="cancellationToken"/> is
    /// cancelled. Call once.
    /// </summary>
    /// <exception cref="DiscordGatewayException">Discord refused the bot for good (bad token, intents or shard settings).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("DiscordGatewayClient.RunAsync runs once per client.");
        }
        Exception? failure = null;
        try
        {
            await RunShardsAsync(cancellationToken);
        }
        catch (Exception e)
        {
            failure = e is OperationCanceledException ? null : e;
            throw;
        }
        finally
        {
            _events.Writer.TryComplete(failure);
        }
    }

    private async Task RunShardsAsync(CancellationToken cancellationToken)
    {
        var info = _options.GatewayUrl is null || _options.ShardCount is null
            ? await _rest.GetGatewayBotAsync(cancellationToken)
            : null;
        var url = _options.GatewayUrl ?? info!.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("ws" or "wss"))
        {
            throw new DiscordGatewayException($"Discord gave no usable gateway URL ('{url}').");
        }
        var count = _options.ShardCount ?? Math.Max(info!.Shards, 1);
        var ids = _options.ShardIds is { Count: > 0 } configured ? configured.Distinct().ToList() : Enumerable.Range(0, count).ToList();
        if (ids.Any(id => id < 0 || id >= count))
        {
            throw new DiscordGatewayException($"Discord:ShardIds must lie between 0 and {count - 1}.");
        }
        var limiter = new IdentifyLimiter(info?.SessionStartLimit, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var shards = ids
            .Select(id => new GatewayShard(id, count, url, _options.BotToken ?? "", Intents, limiter, _events.Writer, _time).RunAsync(stop.Token))
            .ToList();
        var pending = shards.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsFaulted)
            {
                // One shard refused for good means the configuration is wrong for all of them.
                await stop.CancelAsync();
                await Task.WhenAll(pending).ContinueWith(static _ => { }, TaskScheduler.Default);
                await done;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
