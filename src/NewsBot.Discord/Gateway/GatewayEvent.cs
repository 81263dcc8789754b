using System.Text.Json;

namespace NewsBot.Discord.Gateway;

/// <summary>Something a shard reports: a dispatch from Discord or a change of its connection.</summary>
/// <param name="ShardId">The shard it happened on.</param>
public abstract record GatewayEvent(int ShardId);

/// <summary>
/// A dispatch (op 0): READY, RESUMED, INTERACTION_CREATE, GUILD_CREATE, GUILD_DELETE, CHANNEL_DELETE,
/// THREAD_* and whatever else Discord sends; unknown names are passed on untouched.
/// </summary>
/// <param name="ShardId">The shard it came on.</param>
/// <param name="Name">The event name (<c>t</c>).</param>
/// <param name="Sequence">Its sequence number (<c>s</c>).</param>
/// <param name="Data">The payload (<c>d</c>), detached from the socket's buffer.</param>
public sealed record GatewayDispatch(int ShardId, string Name, long Sequence, JsonElement Data) : GatewayEvent(ShardId)
{
    /// <summary>Reads the payload as <typeparamref name="T"/> with Discord's JSON conventions.</summary>
    /// <exception cref="JsonException">The payload does not fit <typeparamref name="T"/>.</exception>
    public T Read<T>() => Data.Deserialize<T>(DiscordJson.Options) ?? throw new JsonException($"{Name} carried null");

    /// <summary>The interaction of an INTERACTION_CREATE, otherwise null.</summary>
    public Interaction? AsInteraction() => Name == "INTERACTION_CREATE" ? Read<Interaction>() : null;
}

/// <summary>A shard's connection changed; for logs and health checks.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="Status">What happened.</param>
/// <param name="Detail">One line saying why.</param>
public sealed record GatewayStatusChange(int ShardId, GatewayStatus Status, string Detail) : GatewayEvent(ShardId);

/// <summary>Connection states of a shard.</summary>
public enum GatewayStatus
{
    /// <summary>Opening a connection.</summary>
    Connecting,
    /// <summary>A new session started (READY).</summary>
    Ready,
    /// <summary>The old session continues (RESUMED); missed events were replayed.</summary>
    Resumed,
    /// <summary>The connection ended and a new one follows.</summary>
    Reconnecting,
    /// <summary>The shard stopped for good.</summary>
    Stopped,
}
