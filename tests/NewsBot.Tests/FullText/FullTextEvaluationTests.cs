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
        double teaser1 = 0, teaserL = 0, page1 = 0, page2 = 0, pageL = 0, lead1 = 0, lead2 = 0, leadL = 0;
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
            teaser1 += Rouge.Rouge1(fromTeaser, article.Reference).F1;
            teaserL += Rouge.RougeL(fromTeaser, article.Reference).F1;
            page1 += Rouge.Rouge1(fromPage, article.Reference).F1;
            page2 += Rouge.Rouge2(fromPage, article.Reference).F1;
            pageL += Rouge.RougeL(fromPage, article.Reference).F1;
            lead1 += Rouge.Rouge1(lead, article.Reference).F1;
            lead2 += Rouge.Rouge2(lead, article.Reference).F1;
            leadL += Rouge.RougeL(lead, article.Reference).F1;
        }

        var n = set.Count;
        Assert.True(n >= 10, $"{n} {language} articles");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {language} ({n}) | teaser: R1 {teaser1 / n:F3} RL {teaserL / n:F3} | page: R1 {page1 / n:F3} R2 {page2 / n:F3} RL {pageL / n:F3} | lead-3 of page: R1 {lead1 / n:F3} R2 {lead2 / n:F3} RL {leadL / n:F3} |"));
        Assert.True(page1 > teaser1, $"page ROUGE-1 {page1 / n:F3} does not beat the teaser's {teaser1 / n:F3}");
        Assert.True(pageL > teaserL, $"page ROUGE-L {pageL / n:F3} does not beat the teaser's {teaserL / n:F3}");
        Assert.True(page1 >= lead1, $"page ROUGE-1 {page1 / n:F3} < lead-3 {lead1 / n:F3}");
        Assert.True(pageL >= leadL, $"page ROUGE-L {pageL / n:F3} < lead-3 {leadL / n:F3}");
    }
}
