namespace NewsBot.Telegram;

/// <summary>
/// Paces sends the way Telegram asks: about one message per second per chat, twenty per minute per group and
/// thirty per second overall. Each send reserves the earliest slot every window allows, under one lock, then
/// waits for it; a 429 blocks the chat until its retry_after has passed.
/// </summary>
public sealed class TelegramRateLimiter(TelegramOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChatWindow> _chats = [];
    private readonly Queue<DateTimeOffset> _global = new();
    private DateTimeOffset _lastPrune;

    private sealed class ChatWindow
    {
        public DateTimeOffset Last = DateTimeOffset.MinValue;
        public readonly Queue<DateTimeOffset> Minute = new();
        public DateTimeOffset BlockedUntil = DateTimeOffset.MinValue;
    }

    /// <summary>Waits until a message to <paramref name="chatId"/> may go out, and counts it as sent.</summary>
    public async Task WaitAsync(string chatId, CancellationToken ct)
    {
        var delay = Reserve(chatId, time.GetUtcNow());
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, ct);
        }
    }

    /// <summary>Telegram said "retry after": nothing goes to this chat before then.</summary>
    public void Block(string chatId, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var w = Window(chatId);
            var until = time.GetUtcNow() + retryAfter;
            if (until > w.BlockedUntil)
            {
                w.BlockedUntil = until;
            }
        }
    }

    /// <summary>Reserves the earliest slot for the chat and returns how long to wait for it.</summary>
    internal TimeSpan Reserve(string chatId, DateTimeOffset now)
    {
        var perChat = TimeSpan.FromSeconds(1 / options.MessagesPerSecondPerChat);
        var isGroup = chatId.StartsWith('-');
        lock (_gate)
        {
            Prune(now);
            var w = Window(chatId);
            var at = Max(now, w.BlockedUntil, w.Last == DateTimeOffset.MinValue ? now : w.Last + perChat);
            if (isGroup && w.Minute.Count >= options.MessagesPerMinutePerGroup)
            {
                at = Max(at, w.Minute.ElementAt(w.Minute.Count - options.MessagesPerMinutePerGroup) + TimeSpan.FromMinutes(1));
            }
            if (_global.Count >= options.MessagesPerSecond)
            {
                at = Max(at, _global.ElementAt(_global.Count - options.MessagesPerSecond) + TimeSpan.FromSeconds(1));
            }
            w.Last = at;
            Insert(w.Minute, at, options.MessagesPerMinutePerGroup);
            Insert(_global, at, options.MessagesPerSecond);
            return at - now;
        }
    }

    private ChatWindow Window(string chatId)
    {
        if (!_chats.TryGetValue(chatId, out var w))
        {
            _chats[chatId] = w = new ChatWindow();
        }
        return w;
    }

    /// <summary>Slots are reserved in time order per queue except when a chat's own wait pushes one later; keep them sorted.</summary>
    private static void Insert(Queue<DateTimeOffset> queue, DateTimeOffset at, int keep)
    {
        if (queue.Count == 0 || queue.Last() <= at)
        {
            queue.Enqueue(at);
        }
        else
        {
            var sorted = queue.Append(at).Order().ToList();
            queue.Clear();
            foreach (var t in sorted)
            {
                queue.Enqueue(t);
            }
        }
        // Only the latest `keep` slots decide the next one.
        while (queue.Count > keep)
        {
            queue.Dequeue();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_global.Count > 0 && _global.Peek() < now - TimeSpan.FromSeconds(1))
        {
            _global.Dequeue();
        }
        if (now - _lastPrune < TimeSpan.FromSeconds(30))
        {
            return;
        }
        _lastPrune = now;
        foreach (var (id, w) in _chats.ToList())
        {
            while (w.Minute.Count > 0 && w.Minute.Peek() < now - TimeSpan.FromMinutes(1))
            {
                w.Minute.Dequeue();
            }
            if (w.Minute.Count == 0 && w.BlockedUntil < now && w.Last < now - TimeSpan.FromMinutes(1))
            {
                _chats.Remove(id);
            }
        }
    }

    private static DateTimeOffset Max(params DateTimeOffset[] values) => values.Max();
}
