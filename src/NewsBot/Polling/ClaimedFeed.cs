namespace NewsBot.Polling;

/// <summary>A feed this instance claimed, as far as a check needs it: what to ask the server and how to reschedule.</summary>
public sealed class ClaimedFeed
{
    public long Id { get; init; }
    public string Url { get; init; } = "";
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public TimeSpan? Interval { get; init; }
    public string? ScheduleHints { get; init; }
    /// <summary>False until the first successful fetch (that one is stored silently, so it always takes the full path).</summary>
    public bool Primed { get; init; }
}
