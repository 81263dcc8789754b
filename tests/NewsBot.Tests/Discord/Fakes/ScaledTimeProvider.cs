namespace NewsBot.Tests.Discord.Fakes;

/// <summary>
/// Real time running <see cref="Factor"/> times faster: timers fire early by that factor and clocks
/// advance by it, so protocol waits (heartbeats, 5 s identify spacing, 1–5 s invalid-session pauses,
/// backoff) keep their proportions while a test finishes quickly. Unlike a manual fake clock it needs
/// no stepping, which suits code that waits on sockets and timers at once.
/// </summary>
public sealed class ScaledTimeProvider(double factor) : TimeProvider
{
    private readonly long _startTimestamp = System.GetTimestamp();
    private readonly DateTimeOffset _startUtc = System.GetUtcNow();

    /// <summary>How much faster than real time.</summary>
    public double Factor { get; } = factor;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _startUtc + (System.GetElapsedTime(_startTimestamp) * Factor);

    /// <inheritdoc />
    public override long GetTimestamp() => _startTimestamp + (long)((System.GetTimestamp() - _startTimestamp) * Factor);

    /// <inheritdoc />
    public override long TimestampFrequency => System.TimestampFrequency;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>The real span a scaled span takes.</summary>
    public TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Factor;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
