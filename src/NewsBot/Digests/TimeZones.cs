using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsBot.Digests;

/// <summary>Reads the time zones people type: IANA names (Asia/Shanghai), UTC, and offsets (+8, UTC+08:00, GMT-5:30).</summary>
public static partial class TimeZones
{
    [GeneratedRegex(@"^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    /// <summary>Resolves <paramref name="text"/>; <paramref name="id"/> is the canonical spelling to store.</summary>
    public static bool TryResolve(string? text, out TimeZoneInfo zone, out string id, out string error)
    {
        zone = TimeZoneInfo.Utc;
        id = "UTC";
        error = "";
        var s = (text ?? "").Trim();
        if (s.Length == 0 || s.Length > 64)
        {
            error = "give a time zone such as Asia/Shanghai, Europe/London or UTC+8";
            return false;
        }
        if (s.Equals("UTC", StringComparison.OrdinalIgnoreCase) || s.Equals("GMT", StringComparison.OrdinalIgnoreCase) || s == "Z")
        {
            return true;
        }
        var m = OffsetPattern().Match(s);
        if (m.Success)
        {
            var hours = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var minutes = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 14 || minutes >= 60 || (hours == 14 && minutes > 0))
            {
                error = $"'{s}' is not a UTC offset between -14:00 and +14:00";
                return false;
            }
            var offset = new TimeSpan(hours, minutes, 0) * (m.Groups[1].Value == "-" ? -1 : 1);
            id = offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            zone = FromOffset(offset, id);
            return true;
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(s, out var found))
        {
            // Windows names are accepted too, but stored as IANA so every host reads them.
            id = TimeZoneInfo.TryConvertWindowsIdToIanaId(found.Id, out var iana) ? iana : found.Id;
            zone = found;
            return true;
        }
        var byName = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => z.Id.Equals(s, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
        {
            id = byName.Id;
            zone = byName;
            return true;
        }
        error = $"unknown time zone '{(s.Length > 40 ? s[..40] : s)}'; use an IANA name such as Asia/Shanghai or America/New_York, or an offset such as UTC+8";
        return false;
    }

    /// <summary>Resolves a stored id; falls back to UTC for one this host does not know.</summary>
    public static TimeZoneInfo Find(string? id) => TryResolve(id, out var zone, out _, out _) ? zone : TimeZoneInfo.Utc;

    /// <summary>Whole-hour offsets use the real Etc/GMT zones (note their inverted sign) so a persistent Quartz store can reload them.</summary>
    private static TimeZoneInfo FromOffset(TimeSpan offset, string id)
    {
        if (offset.Minutes == 0 && TimeZoneInfo.TryFindSystemTimeZoneById($"Etc/GMT{(offset.Hours > 0 ? "-" : "+")}{Math.Abs(offset.Hours)}", out var etc))
        {
            return etc;
        }
        return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
    }
}
