namespace NewsBot.Discord.Rest;

/// <summary>
/// The bot-wide limit: at most N requests in any one-second window, plus a block after a global 429.
/// A request's slot counts from when it is sent until one second after its response arrived: Discord
/// counts arrivals, and an arrival is never later than the response, so the window here always
/// covers Discord's.
/// </summary>
internal sealed class GlobalRateLimit(int perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<Slot> _slots = [];
    private long _blockedUntil;

    public async Task<Slot> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                _slots.RemoveAll(s => s.CompletedAt is { } done && done <= now - time.TimestampFrequency);
                if (now < _blockedUntil)
                {
                    wait = time.GetElapsedTime(now, _blockedUntil);
                }
                else if (_slots.Count < perSecond)
                {
                    var slot = new Slot();
                    _slots.Add(slot);
                    return slot;
                }
                else
                {
                    // All slots busy: wait for the oldest finished one to age out, or poll while all are in flight.
                    var oldest = _slots.Where(s => s.CompletedAt is not null).Select(s => s.CompletedAt!.Value).DefaultIfEmpty(now).Min();
                    wait = oldest == now ? TimeSpan.FromMilliseconds(10) : time.GetElapsedTime(now, oldest + time.TimestampFrequency);
                }
            }
            await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), time, cancellationToken);
        }
    }

    public bool IsBlocked
    {
        get
        {
            lock (_lock)
            {
                return time.GetTimestamp() < _blockedUntil;
            }
        }
    }

    public void Complete(Slot? slot)
    {
        if (slot is null)
        {
            return;
        }
        lock (_lock)
        {
            slot.CompletedAt = time.GetTimestamp();
        }
    }

    public void Block(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = time.GetTimestamp() + (long)(retryAfter.TotalSeconds * time.TimestampFrequency);
            _blockedUntil = Math.Max(_blockedUntil, until);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal sealed class Slot
    {
        public long? CompletedAt { get; set; }
    }
}
