using System.Globalization;

namespace NewsBot.Feeds.Parsing;

/// <summary>
/// Dates as feeds really write them: RFC 822/1123 with named zones, missing seconds, two-digit years and day names
/// that do not match; ISO 8601/RFC 3339; a few common non-standard forms. Always returns UTC.
/// </summary>
internal static class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var s = raw.AsSpan().Trim();
        var result = Rfc1123(s) ?? (char.IsAsciiDigit(s[0]) && s.Length >= 8 && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3])
            ? Iso(s) ?? Tokens(s)
            : Tokens(s));
        result ??= Fallback(s.ToString());
        return result?.ToUniversalTime();
    }

    /// <summary>
    /// The form most feeds write, exactly: "Tue, 05 Nov 2024 02:39:04 GMT" or "… +0200". Null for anything else, which
    /// the token pass then reads (to the same result for these).
    /// </summary>
    private static DateTimeOffset? Rfc1123(ReadOnlySpan<char> s)
    {
        if (s.Length is not (29 or 31) || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' '
            || s[19] != ':' || s[22] != ':' || s[25] != ' ' || !IsDayName(s[..3]))
            return null;
        int month = MonthIndex(s.Slice(8, 3));
        if (month <= 0 || !Digits(s.Slice(5, 2), out int day) || !Digits(s.Slice(12, 4), out int year)
            || !Digits(s.Slice(17, 2), out int hour) || !Digits(s.Slice(20, 2), out int minute) || !Digits(s.Slice(23, 2), out int second))
            return null;
        var zone = s[26..];
        TimeSpan offset;
        if (zone is "GMT" or "UTC")
            offset = TimeSpan.Zero;
        else if (zone.Length == 5 && zone[0] is '+' or '-' && Digits(zone[1..], out int hhmm) && hhmm / 100 <= 14 && hhmm % 100 <= 59)
            offset = new TimeSpan(hhmm / 100, hhmm % 100, 0) * (zone[0] == '-' ? -1 : 1);
        else
            return null;
        return hour < 24 ? Build(year, month, day, hour, minute, second, offset, 0) : null;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>YYYY-MM-DD[THH:MM[:SS[.f]]][Z|±HH[:]MM], also with '/' or '.' between date parts and a space before the time.</summary>
    private static DateTimeOffset? Iso(ReadOnlySpan<char> s)
    {
        int p = 0;
        if (!Num(s, ref p, 4, 4, out int year))
            return null;
        int month = 1, day = 1;
        if (p < s.Length && s[p] is '-' or '/' or '.')
        {
            p++;
            if (!Num(s, ref p, 1, 2, out month))
                return null;
            if (p < s.Length && s[p] is '-' or '/' or '.')
            {
                p++;
                if (!Num(s, ref p, 1, 2, out day))
                    return null;
            }
        }
        else if (s.Length >= 8 && Num(s, ref p, 2, 2, out month) && Num(s, ref p, 2, 2, out day))
        {
            // basic format YYYYMMDD
        }
        else
        {
            return null;
        }
        int hour = 0, minute = 0, second = 0;
        double fraction = 0;
        TimeSpan offset = TimeSpan.Zero;
        if (p < s.Length && s[p] is 'T' or 't' or ' ')
        {
            p++;
            while (p < s.Length && s[p] == ' ')
                p++;
            if (!Num(s, ref p, 1, 2, out hour))
                return null;
            if (p < s.Length && s[p] == ':')
                p++;
            if (!Num(s, ref p, 2, 2, out minute))
                return null;
            if (p < s.Length && s[p] == ':')
            {
                p++;
                if (!Num(s, ref p, 2, 2, out second))
                    return null;
            }
            if (p < s.Length && s[p] is '.' or ',')
            {
                int fs = ++p;
                while (p < s.Length && char.IsAsciiDigit(s[p]))
                    p++;
                if (p > fs)
                    fraction = double.Parse("0." + s[fs..Math.Min(p, fs + 7)].ToString(), CultureInfo.InvariantCulture);
            }
            while (p < s.Length && s[p] == ' ')
                p++;
            if (p < s.Length)
            {
                var zone = Zone(s[p..]);
                if (zone is null)
                    return null;
                offset = zone.Value;
            }
        }
        else if (p < s.Length)
        {
            return null;
        }
        return Build(year, month, day, hour, minute, second, offset, fraction);
    }

    /// <summary>Token pass for RFC 822 and friends: "[Day,] D Mon YYYY H:MM[:SS] [zone]", "Mon D, YYYY ...", "D.M.YYYY".</summary>
    private static DateTimeOffset? Tokens(ReadOnlySpan<char> s)
    {
        int? day = null, month = null, year = null, hour = null, minute = null, second = null;
        TimeSpan? offset = null;
        bool pm = false, am = false;
        int p = 0;
        while (p < s.Length)
        {
            char c = s[p];
            if (c is ' ' or ',' or '\t' or '-' && !(c == '-' && hour is not null && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1])))
            {
                p++;
                continue;
            }
            int start = p;
            if (char.IsAsciiDigit(c))
            {
                while (p < s.Length && char.IsAsciiDigit(s[p]))
                    p++;
                int n = int.Parse(s[start..p], CultureInfo.InvariantCulture);
                int len = p - start;
                if (p < s.Length && s[p] == ':' && hour is null)
                {
                    hour = n;
                    p++;
                    int ms = p;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                        p++;
                    if (p == ms)
                        return null;
                    minute = int.Parse(s[ms..p], CultureInfo.InvariantCulture);
                    if (p < s.Length && s[p] == ':')
                    {
                        int ss = ++p;
                        while (p < s.Length && char.IsAsciiDigit(s[p]))
                            p++;
                        if (p > ss)
                            second = int.Parse(s[ss..p], CultureInfo.InvariantCulture);
                    }
                    if (p < s.Length && s[p] == '.')
                    {
                        p++;
                        while (p < s.Length && char.IsAsciiDigit(s[p]))
                            p++;
                    }
                }
                else if (p < s.Length && s[p] is '.' or '/' && day is null && month is null)
                {
                    // D.M.YYYY or M/D/YYYY: dotted is European, slashed is American.
                    bool dotted = s[p] == '.';
                    p++;
                    int ms = p;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                        p++;
                    if (p == ms || p >= s.Length || s[p] != s[ms - 1])
                        return null;
                    int second2 = int.Parse(s[ms..p], CultureInfo.InvariantCulture);
                    int ys = ++p;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                        p++;
                    if (p == ys)
                        return null;
                    int third = int.Parse(s[ys..p], CultureInfo.InvariantCulture);
                    if (len == 4)
                    {
                        // Y/M/D (Perforce, many CMSs)
                        (year, month, day) = (n, second2, third);
                    }
                    else
                    {
                        year = Year(third, p - ys);
                        (day, month) = dotted || n > 12 ? (n, second2) : (second2, n);
                    }
                }
                else if (len == 4 && year is null)
                {
                    year = n;
                }
                else if (day is null && len <= 2)
                {
                    day = n;
                }
                else if (year is null)
                {
                    year = Year(n, len);
                }
                else
                {
                    return null;
                }
                continue;
            }
            if (c is '+' or '-')
            {
                var z = Zone(s[p..], out int used);
                if (z is null)
                    return null;
                offset = z;
                p += used;
                continue;
            }
            if (c == '(')
            {
                int close = s[p..].IndexOf(')');
                p = close < 0 ? s.Length : p + close + 1;
                continue;
            }
            while (p < s.Length && (char.IsAsciiLetter(s[p]) || s[p] == '.'))
                p++;
            if (p == start)
            {
                p++;
                continue;
            }
            var word = s[start..p].TrimEnd('.');
            int mi = MonthIndex(word);
            if (mi > 0)
            {
                if (month is not null && day is null)
                    day = month; // "5 May" read as month first is impossible; keep the first
                month = mi;
                continue;
            }
            if (IsDayName(word) || word.Equals("at", StringComparison.OrdinalIgnoreCase) || word.Equals("th", StringComparison.OrdinalIgnoreCase)
                || word.Equals("st", StringComparison.OrdinalIgnoreCase) || word.Equals("nd", StringComparison.OrdinalIgnoreCase) || word.Equals("rd", StringComparison.OrdinalIgnoreCase))
                continue;
            if (word.Equals("pm", StringComparison.OrdinalIgnoreCase))
            {
                pm = true;
                continue;
            }
            if (word.Equals("am", StringComparison.OrdinalIgnoreCase))
            {
                am = true;
                continue;
            }
            var named = NamedZone(word);
            if (named is not null)
            {
                offset = named;
                // "GMT+8", "UTC-05:00"
                if (p < s.Length && s[p] is '+' or '-')
                {
                    var z = Zone(s[p..], out int used);
                    if (z is not null)
                    {
                        offset = z;
                        p += used;
                    }
                }
                continue;
            }
            if (word.Length == 1)
            {
                // military zone letters other than Z are too ambiguous to trust
                offset ??= TimeSpan.Zero;
                continue;
            }
            return null;
        }
        if (day is null || month is null || year is null)
            return null;
        int h = hour ?? 0;
        if (pm && h < 12)
            h += 12;
        if (am && h == 12)
            h = 0;
        return Build(year.Value, month.Value, day.Value, h, minute ?? 0, second ?? 0, offset ?? TimeSpan.Zero, 0);
    }

    private static int Year(int n, int digits) => digits <= 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, TimeSpan offset, double fraction)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 24 || minute > 59 || second > 60 || offset.Duration() > TimeSpan.FromHours(14))
            return null;
        long time = hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond
            + (long)(fraction * TimeSpan.TicksPerSecond);
        try
        {
            // 24:00 and leap seconds roll over instead of failing; past 9999-12-31 they fail like any other bad date.
            var dt = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(time);
            return new DateTimeOffset(dt, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool Num(ReadOnlySpan<char> s, ref int p, int min, int max, out int value)
    {
        int start = p;
        while (p < s.Length && p - start < max && char.IsAsciiDigit(s[p]))
            p++;
        value = 0;
        if (p - start < min)
            return false;
        value = int.Parse(s[start..p], CultureInfo.InvariantCulture);
        return true;
    }

    private static TimeSpan? Zone(ReadOnlySpan<char> s) => Zone(s, out int used) is { } z && s[used..].Trim().IsEmpty ? z : null;

    private static TimeSpan? Zone(ReadOnlySpan<char> s, out int used)
    {
        used = 0;
        if (s.IsEmpty)
            return null;
        if (s[0] is 'Z' or 'z')
        {
            used = 1;
            return TimeSpan.Zero;
        }
        if (s[0] is not ('+' or '-'))
        {
            int e = 0;
            while (e < s.Length && char.IsAsciiLetter(s[e]))
                e++;
            used = e;
            return NamedZone(s[..e]);
        }
        int sign = s[0] == '-' ? -1 : 1;
        int p = 1;
        int ds = p;
        while (p < s.Length && char.IsAsciiDigit(s[p]))
            p++;
        int digits = p - ds;
        int hours, minutes = 0;
        if (digits == 4)
        {
            hours = int.Parse(s.Slice(ds, 2), CultureInfo.InvariantCulture);
            minutes = int.Parse(s.Slice(ds + 2, 2), CultureInfo.InvariantCulture);
        }
        else if (digits is 1 or 2)
        {
            hours = int.Parse(s.Slice(ds, digits), CultureInfo.InvariantCulture);
            if (p + 2 < s.Length + 1 && p < s.Length && s[p] == ':' && p + 3 <= s.Length && char.IsAsciiDigit(s[p + 1]) && char.IsAsciiDigit(s[p + 2]))
            {
                minutes = int.Parse(s.Slice(p + 1, 2), CultureInfo.InvariantCulture);
                p += 3;
            }
        }
        else
        {
            return null;
        }
        if (hours > 14 || minutes > 59)
            return null;
        used = p;
        return sign * new TimeSpan(hours, minutes, 0);
    }

    private static TimeSpan? NamedZone(ReadOnlySpan<char> word) => word.ToString().ToUpperInvariant() switch
    {
        "GMT" or "UT" or "UTC" or "Z" or "WET" => TimeSpan.Zero,
        "EST" => TimeSpan.FromHours(-5),
        "EDT" => TimeSpan.FromHours(-4),
        "CST" => TimeSpan.FromHours(-6),
        "CDT" => TimeSpan.FromHours(-5),
        "MST" => TimeSpan.FromHours(-7),
        "MDT" => TimeSpan.FromHours(-6),
        "PST" => TimeSpan.FromHours(-8),
        "PDT" => TimeSpan.FromHours(-7),
        "AKST" => TimeSpan.FromHours(-9),
        "AKDT" => TimeSpan.FromHours(-8),
        "HST" => TimeSpan.FromHours(-10),
        "AST" => TimeSpan.FromHours(-4),
        "ADT" => TimeSpan.FromHours(-3),
        "NST" => new TimeSpan(-3, -30, 0),
        "BST" or "CET" or "MET" or "WEST" => TimeSpan.FromHours(1),
        "CEST" or "MEST" or "EET" or "SAST" => TimeSpan.FromHours(2),
        "EEST" or "MSK" => TimeSpan.FromHours(3),
        "IST" => new TimeSpan(5, 30, 0),
        "ICT" or "WIB" => TimeSpan.FromHours(7),
        "HKT" or "SGT" or "AWST" or "PHT" or "BJT" => TimeSpan.FromHours(8),
        "JST" or "KST" => TimeSpan.FromHours(9),
        "ACST" => new TimeSpan(9, 30, 0),
        "AEST" => TimeSpan.FromHours(10),
        "AEDT" => TimeSpan.FromHours(11),
        "NZST" => TimeSpan.FromHours(12),
        "NZDT" => TimeSpan.FromHours(13),
        _ => null,
    };

    private static int MonthIndex(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
            return 0;
        for (int i = 0; i < Months.Length; i++)
        {
            if (word[..3].Equals(Months[i], StringComparison.OrdinalIgnoreCase))
            {
                // "March", "Sept", but not "Mars"-like nonsense longer than the full name
                return word.Length <= 9 ? i + 1 : 0;
            }
        }
        return 0;
    }

    private static bool IsDayName(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
            return false;
        var d = word[..3];
        return d.Equals("mon", StringComparison.OrdinalIgnoreCase) || d.Equals("tue", StringComparison.OrdinalIgnoreCase)
            || d.Equals("wed", StringComparison.OrdinalIgnoreCase) || d.Equals("thu", StringComparison.OrdinalIgnoreCase)
            || d.Equals("fri", StringComparison.OrdinalIgnoreCase) || d.Equals("sat", StringComparison.OrdinalIgnoreCase)
            || d.Equals("sun", StringComparison.OrdinalIgnoreCase);
    }

    private static DateTimeOffset? Fallback(string s)
    {
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var d))
            return d;
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long unix) && unix is > 100_000_000 and < 100_000_000_000)
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        return null;
    }
}
