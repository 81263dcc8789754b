namespace NewsBot.Tests.Summaries;

/// <summary>One article of the evaluation set in TestData/summaries.</summary>
internal sealed record EvaluationArticle(string Name, string Language, string Title, string Reference, string Text)
{
    public static IReadOnlyList<EvaluationArticle> LoadAll()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "summaries");
        return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Select(Load).ToList();
    }

    private static EvaluationArticle Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var separator = Array.IndexOf(lines, "---");
        if (separator < 2 || !lines[0].StartsWith("title: ", StringComparison.Ordinal) || !lines[1].StartsWith("reference: ", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: expected 'title:', 'reference:' and '---' lines");
        }

        var name = Path.GetFileNameWithoutExtension(path);
        return new EvaluationArticle(
            name, name[..name.IndexOf('-', StringComparison.Ordinal)], lines[0]["title: ".Length..], lines[1]["reference: ".Length..],
            string.Join('\n', lines[(separator + 1)..]));
    }
}
