using System.Text.RegularExpressions;
using NewsBot.Summaries;
using Xunit.Abstractions;

namespace NewsBot.Tests.Summaries;

public partial class EvaluationTests(ITestOutputHelper output)
{
    private const int Budget = 280;

    private static readonly IReadOnlyList<EvaluationArticle> Articles = EvaluationArticle.LoadAll();

    public static TheoryData<string> Names() => new(Articles.Select(a => a.Name));

    /// <summary>
    /// The baseline under the rules our summaries follow: the same cleaning, then of the first three
    /// sentences as many whole ones, in order, as the budget holds; a first sentence longer than the
    /// budget is cut at a clause the way ours is.
    /// </summary>
    private static string Lead3(EvaluationArticle article) => Lead3(article.Text, Budget);

    /// <inheritdoc cref="Lead3(EvaluationArticle)"/>
    internal static string Lead3(string text, int budget)
    {
        var sentences = SentenceSplitter.Split(string.Join('\n', TextCleaner.Paragraphs(text)));
        var lead = new List<string>();
        foreach (var sentence in sentences.Take(3))
        {
            if (TextLength.Count(ExtractiveSummarizer.Join([.. lead, sentence])) > budget)
            {
                break;
            }

            lead.Add(sentence);
        }

        return lead.Count > 0 ? ExtractiveSummarizer.Join(lead) : ExtractiveSummarizer.ClauseCut(sentences[0], budget);
    }

    [Fact]
    public void The_set_has_ten_articles_in_each_language()
    {
        Assert.True(Articles.Count(a => a.Language == "zh") >= 10);
        Assert.True(Articles.Count(a => a.Language == "en") >= 10);
        Assert.Contains(Articles, a => a.Text.Contains("分析人士称", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Extractive_summaries_score_at_least_lead3(string language)
    {
        var summarizer = new ExtractiveSummarizer();
        RougeTotals ours = new(), leads = new();
        var set = Articles.Where(a => a.Language == language).ToList();
        foreach (var article in set)
        {
            var summary = summarizer.Summarize(article.Title, article.Text, Budget);
            var lead = Lead3(article);
            ours.Add(summary, article.Reference);
            leads.Add(lead, article.Reference);
        }

        var n = set.Count;
        output.WriteLine($"{language} ({n} articles)  ours: R1 {ours.R1:F3} R2 {ours.R2:F3} RL {ours.RL:F3}   lead-3: R1 {leads.R1:F3} R2 {leads.R2:F3} RL {leads.RL:F3}");
        Assert.True(ours.R1 >= leads.R1, $"ROUGE-1 {ours.R1:F3} < lead-3 {leads.R1:F3}");
        Assert.True(ours.RL >= leads.RL, $"ROUGE-L {ours.RL:F3} < lead-3 {leads.RL:F3}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Summary_is_clean_and_within_budget(string name)
    {
        var article = Articles.Single(a => a.Name == name);

        var summary = new ExtractiveSummarizer().Summarize(article.Title, article.Text, Budget);

        output.WriteLine(summary);
        Assert.InRange(TextLength.Count(summary), 20, Budget);
        Assert.DoesNotMatch(Markup(), summary);
        Assert.DoesNotMatch(CaptionOrDateline(), summary);
        Assert.False(summary.StartsWith(article.Title, StringComparison.Ordinal), "summary repeats the title");
        Assert.Equal(article.Language, LanguageDetector.Detect(summary));
        Assert.Equal(article.Language, LanguageDetector.Detect(article.Text));
    }

    [GeneratedRegex(@"<[A-Za-z/!][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]{2,8});", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"^(资料照片|资料图片|图为|图片|Photo|File photo|By |记者|新华社|中新网|本报|[A-Z][A-Z .,]{2,}(\([A-Za-z]+\))?\s*[—–-]|\p{IsCJKUnifiedIdeographs}{2,4}\s*—)|\((AP|Reuters)\)")]
    private static partial Regex CaptionOrDateline();
}
