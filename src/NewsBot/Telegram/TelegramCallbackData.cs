using System.Collections.Concurrent;
using System.Text;

namespace NewsBot.Telegram;

/// <summary>
/// Telegram allows 64 bytes of callback_data per button. A choice's command is carried as is when it fits, and
/// otherwise stored here under a short random key for a day.
/// </summary>
public sealed class TelegramCallbackData(TimeProvider time)
{
    public const int MaxBytes = 64;
    private const string Inline = "c:";
    private const string Stored = "k:";
    private const int MaxStored = 10_000;
    private readonly ConcurrentDictionary<string, (string Command, DateTimeOffset Expires)> _stored = new();

    public string Encode(string command)
    {
        var inline = Inline + command;
        if (Encoding.UTF8.GetByteCount(inline) <= MaxBytes)
        {
            return inline;
        }
        var now = time.GetUtcNow();
        if (_stored.Count >= MaxStored)
        {
            foreach (var (k, v) in _stored)
            {
                if (v.Expires < now || _stored.Count >= MaxStored)
                {
                    _stored.TryRemove(k, out _);
                }
            }
        }
        var key = Stored + Convert.ToHexString(Guid.NewGuid().ToByteArray()[..8]);
        _stored[key] = (command, now + TimeSpan.FromDays(1));
        return key;
    }

    /// <summary>The command a button carries, or null when it is unknown or expired.</summary>
    public string? Decode(string? data)
    {
        if (data is null)
        {
            return null;
        }
        if (data.StartsWith(Inline, StringComparison.Ordinal))
        {
            return data[Inline.Length..];
        }
        return _stored.TryGetValue(data, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Command : null;
    }
}
