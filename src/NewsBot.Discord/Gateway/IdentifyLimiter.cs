namespace NewsBot.Discord.Gateway;

/// <summary>
/// Paces identifies: one per 5 s per rate-limit key (shard id modulo max_concurrency), and no more
/// than the day's session-start budget; past the budget Discord resets the token.
/// </summary>
internal sealed class IdentifyLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim[] _gates;
    private readonly long?[] _last;
    private readonly Lock _lock = new();
    private readonly int _total;
    private int _remaining;
    private long _resetAt;

    public IdentifyLimiter(SessionStartLimit? limit, TimeProvider time)
    {
        _time = time;
        var concurrency = Math.Clamp(limit?.MaxConcurrency ?? 1, 1, 1024);
        _gates = Enumerable.Range(0, concurrency).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        _last = new long?[concurrency];
        _total = Math.Max(limit?.Total ?? 1000, 1);
        _remaining = Math.Max(limit?.Remaining ?? _total, 0);
        _resetAt = time.GetTimestamp() + (long)(Math.Max(limit?.ResetAfter ?? 0, 0) / 1000.0 * time.TimestampFrequency);
    }

    /// <summary>Runs <paramref name="identify"/> when it is this shard's turn; the 5 s count from when it was sent.</summary>
    public async Task IdentifyAsync(int shardId, Func<Task> identify, CancellationToken cancellationToken)
    {
        var key = shardId % _gates.Length;
        await _gates[key].WaitAsync(cancellationToken);
        try
        {
            await WaitForBudgetAsync(cancellationToken);
            if (_last[key] is { } last && _time.GetElapsedTime(last) < Window)
            {
                await Task.Delay(Window - _time.GetElapsedTime(last), _time, cancellationToken);
            }
            try
            {
                await identify();
            }
            finally
            {
                _last[key] = _time.GetTimestamp();
            }
        }
        finally
        {
            _gates[key].Release();
        }
    }

    private async Task WaitForBudgetAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (now >= _resetAt && _remaining == 0)
            {
                _remaining = _total;
                _resetAt = now + (long)(TimeSpan.FromDays(1).TotalSeconds * _time.TimestampFrequency);
            }
            if (_remaining > 0)
            {
                _remaining--;
                return;
            }
            wait = _time.GetElapsedTime(now, _resetAt);
        }
        await Task.Delay(wait, _time, cancellationToken);
        await WaitForBudgetAsync(cancellationToken);
    }
}
