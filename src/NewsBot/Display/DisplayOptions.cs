using System.Globalization;
using System.Text.RegularExpressions;
using NewsBot.Routing;

namespace NewsBot.Display;

/// <summary>
/// Reads one `/set` display option and its value into settings; every value is checked here, so what is stored always
/// renders. "reset" unsets an option (it then follows the channel's default, or the built-in one).
/// </summary>
public static partial class DisplayOptions
{
    public static readonly IReadOnlyList<string> Names = ["format", "media", "preview", "silent", "title", "summary", "mention", "tags"];

    public static bool IsOption(string word) => Names.Contains(word.ToLowerInvariant());

    /// <param name="forumTags">The forum's tags (id, name) when the chat is a Discord forum; null elsewhere.</param>
    public static bool TryApply(DisplaySettings settings, string option, string value, IReadOnlyList<(string Id, string Name)>? forumTags,
        out DisplaySettings result, out string error)
    {
        result = settings;
        error = "";
        value = value.Trim();
        var name = option.ToLowerInvariant();
        if ((value.Equals("reset", StringComparison.OrdinalIgnoreCase) || value.Equals("clear", StringComparison.OrdinalIgnoreCase)) && Unset(settings, name) is { } unset)
        {
            result = unset;
            return true;
        }
        switch (name)
        {
            case "format":
                // A slash command's text option holds one line: \n there stands for a line break.
                value = value.Replace("\\n", "\n", StringComparison.Ordinal);
                if (!PostTemplate.TryParse(value, out _, out var problem))
                {
                    error = $"the template is not valid: {problem}";
                    return false;
                }
                result = settings with { Format = value };
                return true;
            case "media":
                if (!MediaModes.TryParse(value, out var media))
                {
                    error = "media takes on, off or only";
                    return false;
                }
                result = settings with { Media = media };
                return true;
            case "preview" or "silent":
                var flag = Switch(value);
                if (flag is null)
                {
                    error = $"{option} takes on or off";
                    return false;
                }
                result = name == "preview" ? settings with { Preview = flag } : settings with { Silent = flag };
                return true;
            case "title":
                if (value.Length is 0 or > DisplaySettings.MaxTitle || value.Any(char.IsControl))
                {
                    error = $"a feed name is one line of 1 to {DisplaySettings.MaxTitle} characters";
                    return false;
                }
                result = settings with { Title = value };
                return true;
            case "summary":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length is < DisplaySettings.MinSummary or > DisplaySettings.MaxSummary)
                {
                    error = $"summary takes a length from {DisplaySettings.MinSummary} to {DisplaySettings.MaxSummary} characters";
                    return false;
                }
                result = settings with { SummaryLength = length };
                return true;
            case "mention":
                return Mention(settings, value, out result, out error);
            case "tags":
                return Tags(settings, value, forumTags, out result, out error);
            default:
                error = $"'{option}' is not an option; options: {string.Join(", ", Names)}";
                return false;
        }
    }

    /// <summary>The settings without <paramref name="option"/>'s own value; null for a name that is not an option.</summary>
    private static DisplaySettings? Unset(DisplaySettings settings, string option) => option switch
    {
        "format" => settings with { Format = null },
        "media" => settings with { Media = null },
        "preview" => settings with { Preview = null },
        "silent" => settings with { Silent = null },
        "title" => settings with { Title = null },
        "summary" => settings with { SummaryLength = null },
        "mention" => settings with { Mentions = null },
        "tags" => settings with { Tags = null },
        _ => null,
    };

    /// <summary>Why a rule with <paramref name="filter"/> cannot join the <paramref name="count"/> there are, or null.</summary>
    private static string? RuleProblem(string filter, int count, string kind, string option)
    {
        if (filter.Length > 0 && !ArticleFilter.TryParse(filter, out _, out var problem))
        {
            return $"the filter is not valid: {problem}";
        }
        return count >= DisplaySettings.MaxRules ? $"at most {DisplaySettings.MaxRules} {kind} rules; `{option} reset` clears them" : null;
    }

    private static bool? Switch(string value) => value.ToLowerInvariant() switch
    {
        "on" or "yes" or "true" or "开" => true,
        "off" or "no" or "false" or "关" => false,
        _ => null,
    };

    [GeneratedRegex(@"^<@(&|!)?(\d{1,20})>$", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    /// <summary>`mention &lt;@&amp;role&gt; &lt;@user&gt; … [filter]` adds a rule; ids only, never @everyone or @here.</summary>
    private static bool Mention(DisplaySettings settings, string value, out DisplaySettings result, out string error)
    {
        result = settings;
        error = "";
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roles = new List<string>();
        var users = new List<string>();
        var i = 0;
        for (; i < words.Length; i++)
        {
            if (words[i].TrimStart('@') is "everyone" or "here")
            {
                error = "NewsBot never pings @everyone or @here; mention a role instead";
                return false;
            }
            var m = MentionPattern().Match(words[i]);
            if (!m.Success)
            {
                break;
            }
            (m.Groups[1].Value == "&" ? roles : users).Add(m.Groups[2].Value);
        }
        if (roles.Count + users.Count == 0)
        {
            error = "name the roles or users to ping first (@role @user), then optionally the filter that must match";
            return false;
        }
        var filter = string.Join(' ', words[i..]);
        var rules = settings.Mentions?.ToList() ?? [];
        if (RuleProblem(filter, rules.Count, "mention", "mention") is { } problem)
        {
            error = problem;
            return false;
        }
        rules.Add(new MentionRule(roles.Distinct().ToList(), users.Distinct().ToList(), filter.Length == 0 ? null : filter));
        result = settings with { Mentions = rules };
        return true;
    }

    /// <summary>`tags Name[,Name…] [filter]` adds a rule of forum tags, by name, resolved to the forum's tag ids.</summary>
    private static bool Tags(DisplaySettings settings, string value, IReadOnlyList<(string Id, string Name)>? forumTags, out DisplaySettings result, out string error)
    {
        result = settings;
        error = "";
        if (forumTags is null)
        {
            error = "tags apply to Discord forum channels; this chat is not one";
            return false;
        }
        var (names, filter) = SplitFirst(value);
        var wanted = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new List<string>();
        foreach (var name in wanted)
        {
            var tag = forumTags.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (tag.Id is null)
            {
                error = $"this forum has no tag '{TextClip.Shorten(name, 30)}'; its tags: {(forumTags.Count == 0 ? "none" : string.Join(", ", forumTags.Select(t => t.Name)))}";
                return false;
            }
            ids.Add(tag.Id);
        }
        if (ids.Count is 0 or > 5)
        {
            error = "name 1 to 5 of the forum's tags, separated by commas, then optionally a filter";
            return false;
        }
        var rules = settings.Tags?.ToList() ?? [];
        if (RuleProblem(filter, rules.Count, "tag", "tags") is { } problem)
        {
            error = problem;
            return false;
        }
        rules.Add(new TagRule(ids, wanted.ToList(), filter.Length == 0 ? null : filter));
        result = settings with { Tags = rules };
        return true;
    }

    private static (string First, string Others) SplitFirst(string s)
    {
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (s, "") : (s[..space], s[(space + 1)..].Trim());
    }

    /// <summary>The settings as lines a person reads in `/set`.</summary>
    public static IEnumerable<string> Describe(DisplaySettings s)
    {
        if (s.Format is { } f)
        {
            yield return "format: " + (PostStyles.Resolve(f) is null ? f.ReplaceLineEndings("⏎") : f);
        }
        if (s.Media is { } m)
        {
            yield return "media: " + MediaModes.Name(m);
        }
        if (s.Preview is { } p)
        {
            yield return "preview: " + (p ? "on" : "off");
        }
        if (s.Silent is { } q)
        {
            yield return "silent: " + (q ? "on" : "off");
        }
        if (s.Title is { } t)
        {
            yield return "title: " + t;
        }
        if (s.SummaryLength is { } n)
        {
            yield return "summary: " + n.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var r in s.Mentions ?? [])
        {
            yield return "mention: " + string.Join(' ', r.Roles.Select(x => $"<@&{x}>").Concat(r.Users.Select(x => $"<@{x}>"))) + (r.Filter is null ? "" : " when " + r.Filter);
        }
        foreach (var r in s.Tags ?? [])
        {
            yield return "tags: " + string.Join(", ", r.Names) + (r.Filter is null ? "" : " when " + r.Filter);
        }
    }
}
