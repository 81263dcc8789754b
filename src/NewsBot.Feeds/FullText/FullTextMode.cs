namespace NewsBot.Feeds.FullText;

/// <summary>When a feed's items are read from their article pages instead of the feed's own text.</summary>
public enum FullTextMode
{
    /// <summary>Only teasers: text under Feeds:FullTextMinChars, or ending in an ellipsis or a "read more" link.</summary>
    Auto = 0,
    Always = 1,
    Never = 2,
}

public static class FullTextModes
{
    public static string Name(FullTextMode mode) => mode switch
    {
        FullTextMode.Always => "always",
        FullTextMode.Never => "never",
        _ => "auto",
    };

    public static bool TryParse(string? value, out FullTextMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "auto":
                mode = FullTextMode.Auto;
                return true;
            case "always" or "on" or "yes":
                mode = FullTextMode.Always;
                return true;
            case "never" or "off" or "no":
                mode = FullTextMode.Never;
                return true;
            default:
                mode = FullTextMode.Auto;
                return false;
        }
    }

    /// <summary>Whether an item with this text, under this mode, is read from its page.</summary>
    public static bool Wants(FullTextMode mode, string? text, int minChars) => mode switch
    {
        FullTextMode.Always => true,
        FullTextMode.Never => false,
        _ => TeaserRule.IsTeaser(text, minChars),
    };
}
