using System.Globalization;

namespace NewsBot.Commands;

/// <summary>Reads intervals as people type them: 30s, 5m, 2h, 1d, or hh:mm:ss.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var s = (text ?? "").Trim().ToLowerInvariant();
        if (s.Length < 2)
        {
            return false;
        }
        var unit = s[^1];
        if (char.IsLetter(unit) && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && n < 100_000)
        {
            TimeSpan? parsed = unit switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (parsed is { } p)
            {
                value = p;
                return true;
            }
            return false;
        }
        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }
}
