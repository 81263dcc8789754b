using System.Globalization;
using Quartz;

namespace NewsBot.Digests;

/// <summary>
/// A digest schedule as people type it — `daily HH:MM [tz]`, `weekdays HH:MM [tz]`, `weekly &lt;day&gt; HH:MM [tz]` —
/// and as Quartz runs it: a cron expression evaluated in the channel's time zone (so 08:00 stays 08:00 across DST).
/// </summary>
public sealed record DigestSpec(string Cron, string TimeZoneId)
{
    private static readonly Dictionary<string, string> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = "MON",
        ["monday"] = "MON",
        ["周一"] = "MON",
        ["星期一"] = "MON",
        ["tue"] = "TUE",
        ["tues"] = "TUE",
        ["tuesday"] = "TUE",
        ["周二"] = "TUE",
        ["星期二"] = "TUE",
        ["wed"] = "WED",
        ["wednesday"] = "WED",
        ["周三"] = "WED",
        ["星期三"] = "WED",
        ["thu"] = "THU",
        ["thur"] = "THU",
        ["thurs"] = "THU",
        ["thursday"] = "THU",
        ["周四"] = "THU",
        ["星期四"] = "THU",
        ["fri"] = "FRI",
        ["friday"] = "FRI",
        ["周五"] = "FRI",
        ["星期五"] = "FRI",
        ["sat"] = "SAT",
        ["saturday"] = "SAT",
        ["周六"] = "SAT",
        ["星期六"] = "SAT",
        ["sun"] = "SUN",
        ["sunday"] = "SUN",
        ["周日"] = "SUN",
        ["周天"] = "SUN",
        ["星期日"] = "SUN",
        ["星期天"] = "SUN",
    };

    public const string Usage = "/digest off | daily HH:MM [time zone] | weekdays HH:MM [time zone] | weekly <day> HH:MM [time zone]";

    /// <summary>Parses the words after /digest (not "off"); the default zone is the channel's.</summary>
    public static bool TryParse(string arguments, string defaultZone, out DigestSpec spec, out string error)
    {
        spec = null!;
        var words = arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            error = $"usage: {Usage}";
            return false;
        }
        var kind = words[0].ToLowerInvariant();
        var at = 1;
        string dow;
        switch (kind)
        {
            case "daily" or "每天":
                dow = "*";
                break;
            case "weekdays" or "工作日":
                dow = "MON-FRI";
                break;
            case "weekly" or "每周":
                if (words.Length < 2 || !Days.TryGetValue(words[1], out dow!))
                {
                    error = $"which day? e.g. /digest weekly mon 08:00 ({(words.Length < 2 ? "missing" : $"'{Short(words[1])}' is not a day")})";
                    return false;
                }
                at = 2;
                break;
            default:
                error = $"'{Short(words[0])}' is not a schedule; usage: {Usage}";
                return false;
        }
        if (words.Length <= at || !TryTime(words[at], out var hour, out var minute))
        {
            error = $"give the time as HH:MM (24-hour), e.g. 08:00{(words.Length > at ? $"; '{Short(words[at])}' is not a time" : "")}";
            return false;
        }
        var zoneText = words.Length > at + 1 ? string.Join(' ', words[(at + 1)..]) : defaultZone;
        if (!TimeZones.TryResolve(zoneText, out _, out var zoneId, out error))
        {
            return false;
        }
        var cron = dow == "*"
            ? string.Create(CultureInfo.InvariantCulture, $"0 {minute} {hour} * * ?")
            : string.Create(CultureInfo.InvariantCulture, $"0 {minute} {hour} ? * {dow}");
        spec = new DigestSpec(cron, zoneId);
        error = "";
        return true;
    }

    public TimeZoneInfo Zone => TimeZones.Find(TimeZoneId);

    public CronExpression Expression() => new(Cron, Zone);

    /// <summary>The next time the digest goes out after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => Expression().GetNextValidTimeAfter(after);

    /// <summary>The latest scheduled time at or before <paramref name="now"/> for catching up after downtime.</summary>
    public DateTimeOffset? LastAtOrBefore(DateTimeOffset now) => Expression().GetPreviousValidTimeBefore(now.AddSeconds(1));

    /// <summary>Reads a stored spec back for /digest and /list: "daily 08:00 Asia/Shanghai".</summary>
    public string Describe(string language)
    {
        var parts = Cron.Split(' ');
        var time = $"{int.Parse(parts[2], CultureInfo.InvariantCulture):00}:{int.Parse(parts[1], CultureInfo.InvariantCulture):00}";
        var dow = parts[5];
        var en = dow switch { "?" => "daily", "MON-FRI" => "weekdays", _ => "weekly " + dow[..1] + dow[1..].ToLowerInvariant() };
        var zh = dow switch { "?" => "每天", "MON-FRI" => "工作日", _ => "每周" + dow };
        return language == "zh" ? $"{zh} {time}（{TimeZoneId}）" : $"{en} at {time} ({TimeZoneId})";
    }

    private static bool TryTime(string s, out int hour, out int minute)
    {
        hour = minute = 0;
        var parts = s.Replace('：', ':').Split(':');
        return parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour) && hour < 24
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute) && minute < 60;
    }

    private static string Short(string s) => s.Length > 20 ? s[..20] + "…" : s;
}
