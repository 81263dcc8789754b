using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Web.Panel;

/// <summary>
/// Checks what the Telegram Login Widget hands back: the hash is HMAC-SHA256 of the data-check-string (every field
/// but hash, sorted, "key=value" joined by newlines) keyed by SHA256 of the bot token; auth_date at most a day old.
/// A hash is accepted once, so a login link copied from history or a log cannot be replayed on this instance.
/// </summary>
public sealed class TelegramLogin(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public sealed record TelegramUser(long Id, string Name);

    public TelegramUser? Verify(IEnumerable<KeyValuePair<string, string>> fields, string botToken, out string error)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (!data.TryAdd(key, value))
            {
                error = $"the field {key} came twice";
                return null;
            }
        }
        if (!data.Remove("hash", out var hash) || hash.Length != 64)
        {
            error = "the login has no valid hash";
            return null;
        }
        var checkString = string.Join('\n', data.Select(kv => kv.Key + "=" + kv.Value));
        var expected = HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(checkString));
        byte[] given;
        try
        {
            given = Convert.FromHexString(hash);
        }
        catch (FormatException)
        {
            error = "the login has no valid hash";
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            error = "the login data was not signed by this bot";
            return null;
        }
        var now = time.GetUtcNow();
        if (!data.TryGetValue("auth_date", out var authText) || !long.TryParse(authText, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            error = "the login has no auth_date";
            return null;
        }
        var authDate = DateTimeOffset.FromUnixTimeSeconds(Math.Min(unix, 253_402_300_799));
        if (now - authDate > MaxAge || authDate - now > TimeSpan.FromMinutes(5))
        {
            error = "the login is too old; sign in again";
            return null;
        }
        if (!data.TryGetValue("id", out var idText) || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            error = "the login has no user id";
            return null;
        }
        Forget(now);
        if (!_used.TryAdd(hash.ToLowerInvariant(), authDate + MaxAge))
        {
            error = "this login was already used; sign in again";
            return null;
        }
        var name = string.Join(' ', new[] { data.GetValueOrDefault("first_name"), data.GetValueOrDefault("last_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        if (name.Length == 0)
        {
            name = data.GetValueOrDefault("username") ?? idText;
        }
        error = "";
        return new TelegramUser(id, name);
    }

    private void Forget(DateTimeOffset now)
    {
        if (_used.Count < 1024)
        {
            return;
        }
        foreach (var (hash, until) in _used)
        {
            if (until < now)
            {
                _used.TryRemove(hash, out _);
            }
        }
    }
}
