namespace NewsBot.Discord;

/// <summary>The answer of <c>GET /gateway/bot</c>.</summary>
public sealed class GatewayBotInfo
{
    /// <summary>The wss:// URL to connect to.</summary>
    public string Url { get; set; } = "";
    /// <summary>Recommended shard count.</summary>
    public int Shards { get; set; } = 1;
    /// <summary>How many more identifies are allowed and how fast.</summary>
    public SessionStartLimit? SessionStartLimit { get; set; }
}

/// <summary>The identify budget.</summary>
public sealed class SessionStartLimit
{
    /// <summary>Identifies allowed per day.</summary>
    public int Total { get; set; }
    /// <summary>Identifies left.</summary>
    public int Remaining { get; set; }
    /// <summary>Milliseconds until <see cref="Remaining"/> resets.</summary>
    public long ResetAfter { get; set; }
    /// <summary>Identifies allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; set; } = 1;
}
