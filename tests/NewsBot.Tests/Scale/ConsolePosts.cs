using System.Text;

namespace NewsBot.Tests.Scale;

/// <summary>Reads the console channel's output back into (title, channel) pairs: one per complete post block.</summary>
public static class ConsolePosts
{
    private const string TitleMarker = "━━━ ";
    private const string SourceMarker = "📰 ";
    private const string ChannelMarker = " · console:";

    /// <summary>
    /// Every post whose block is complete (ends with its source line); a block cut short by a kill is not a post the
    /// reader received, and lines that are not part of a block are ignored.
    /// </summary>
    public static List<(string Title, string Channel)> Parse(string output)
    {
        var posts = new List<(string, string)>();
        string? title = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith(TitleMarker, StringComparison.Ordinal))
            {
                title = line[TitleMarker.Length..];
            }
            else if (title is not null && line.StartsWith(SourceMarker, StringComparison.Ordinal))
            {
                var at = line.LastIndexOf(ChannelMarker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    posts.Add((title, line[(at + ChannelMarker.Length)..].TrimEnd()));
                }
                title = null;
            }
        }
        return posts;
    }
}

/// <summary>Distinct generated stories: the router folds look-alike stories into one post, so no two may share words by design.</summary>
public static class GeneratedStory
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ten", "ras", "vo", "dun", "pel", "sor", "ti", "gar", "ben", "hul", "nex", "qua", "ri", "zed", "mon",
        "fal", "cro", "py", "wen", "jot", "ux", "bri", "del", "sam", "tor", "vin", "ga",
    ];

    public static (string Title, string Body) Create(int number)
    {
        var random = new Random(number * 7919 + 17);
        var title = $"Story {number} {Words(random, 7)}";
        var body = new StringBuilder("<p>");
        for (var s = 0; s < 3; s++)
        {
            var sentence = Words(random, 12);
            body.Append(char.ToUpperInvariant(sentence[0])).Append(sentence.AsSpan(1)).Append(". ");
        }
        return (title, body.Append("</p>").ToString());
    }

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)]));
}
