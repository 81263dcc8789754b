using System.Globalization;
using NewsBot.Feeds.FullText;
using NewsBot.Feeds.Parsing;
using NewsBot.Summaries;
using NewsBot.Tests.Summaries;
using NewsBot.Tests.Support;
using Xunit.Abstractions;

namespace NewsBot.Tests.FullText;

/// <summary>
/// The evaluation set's 20 articles (10 zh, 10 en, reference summaries written by hand) as a teaser feed would carry
/// them and as their news pages serve them: the summary of the extracted page against the summary of the teaser, and
/// against Lead-3 of the same extracted text, scored with the project's ROUGE. README's full-text table is this output.
/// </summary>
public sealed class FullTextEvaluationTests(ITestOutputHelper output)
{
    private const int Budget = 280;

    private static readonly IReadOnlyList<EvaluationArticle> Articles = EvaluationArticle.LoadAll();

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Summaries_of_the_page_beat_the_teaser_and_match_lead3(string language)
    {
        var summarizer = new ExtractiveSummarizer();
        RougeTotals fromTeasers = new(), fromPages = new(), leads = new();
        var set = Articles.Select((a, i) => (Article: a, Index: i)).Where(x => x.Article.Language == language).ToList();
        foreach (var (article, index) in set)
        {
            var paragraphs = article.Text.Split('\n');
            var teaser = NewsPages.Teaser(paragraphs);
            Assert.True(TeaserRule.IsTeaser(teaser, 400), teaser);
            var (page, url, _) = ArticleExtractorTests.PageOf(article, index);
            var extracted = ArticleExtractor.Extract(FeedEncoding.DecodeHtml(NewsPages.Encode(page.Html), "text/html"), url);
            Assert.Null(extracted.Problem);

            var fromTeaser = summarizer.Summarize(article.Title, teaser, Budget);
            var fromPage = summarizer.Summarize(article.Title, extracted.Text, Budget);
            var lead = EvaluationTests.Lead3(extracted.Text, Budget);
            fromTeasers.Add(fromTeaser, article.Reference);
            fromPages.Add(fromPage, article.Reference);
            leads.Add(lead, article.Reference);
        }

        var n = set.Count;
        Assert.True(n >= 10, $"{n} {language} articles");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {language} ({n}) | teaser: R1 {fromTeasers.R1:F3} RL {fromTeasers.RL:F3} | page: R1 {fromPages.R1:F3} R2 {fromPages.R2:F3} RL {fromPages.RL:F3} | lead-3 of page: R1 {leads.R1:F3} R2 {leads.R2:F3} RL {leads.RL:F3} |"));
        Assert.True(fromPages.R1 > fromTeasers.R1, $"page ROUGE-1 {fromPages.R1:F3} does not beat the teaser's {fromTeasers.R1:F3}");
        Assert.True(fromPages.RL > fromTeasers.RL, $"page ROUGE-L {fromPages.RL:F3} does not beat the teaser's {fromTeasers.RL:F3}");
        Assert.True(fromPages.R1 >= leads.R1, $"page ROUGE-1 {fromPages.R1:F3} < lead-3 {leads.R1:F3}");
        Assert.True(fromPages.RL >= leads.RL, $"page ROUGE-L {fromPages.RL:F3} < lead-3 {leads.RL:F3}");
    }
}
