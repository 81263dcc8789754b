using System.Text.RegularExpressions;

namespace NewsBot.Feeds.Parsing;

/// <summary>RSS writes people as "email (Name)", "Name &lt;email&gt;", or just one of the two.</summary>
internal static partial class FeedAuthors
{
    [GeneratedRegex(@"[^\s()<>""',;]+@[^\s()<>""',;]+")]
    private static partial Regex Email();

    private static readonly char[] Wrapping = ['(', ')', '<', '>', ' ', '"', '\'', ','];

    public static FeedAuthor? FromRss(string? raw)
    {
        if (raw is null)
            return null;
        string s = HtmlText.CollapseWhitespace(raw);
        if (s.Length == 0)
            return null;
        var m = Email().Match(s);
        if (!m.Success)
            return new FeedAuthor(s, null);
        string email = m.Value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? m.Value[7..] : m.Value;
        string rest = s.Remove(m.Index, m.Length).Trim().Trim(Wrapping).Trim();
        return new FeedAuthor(rest.Length == 0 ? null : rest, email);
    }
}
