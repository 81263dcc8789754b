using System.Xml.Linq;
using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class SeedArticleTests
{
    private static (string Title, string Text) SeedArticle()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "seed-voa-zh.xml");
        var item = XDocument.Load(path).Descendants("item").Single();
        return ((string)item.Element("title")!, HtmlText.ToText((string)item.Element("description")!));
    }

    [Fact]
    public void Summary_starts_with_the_lead_and_has_no_caption()
    {
        var (title, text) = SeedArticle();

        var summary = new ExtractiveSummarizer().Summarize(title, text, 280);

        Assert.StartsWith("分析人士称", summary);
        Assert.DoesNotContain("资料照片", summary);
        Assert.DoesNotContain("合影", summary);
        Assert.DoesNotContain("华盛顿 —", summary);
        Assert.InRange(TextLength.Count(summary), 20, 280);
    }

    [Fact]
    public void Caption_dateline_and_lead_run_together_on_one_line_still_yield_the_lead()
    {
        var (title, text) = SeedArticle();
        var oneLine = text.Replace("\n", "", StringComparison.Ordinal);

        var summary = new ExtractiveSummarizer().Summarize(title, oneLine, 280);

        Assert.StartsWith("分析人士称", summary);
        Assert.DoesNotContain("资料照片", summary);
    }

    [Fact]
    public void Seed_article_is_detected_as_chinese()
    {
        var (_, text) = SeedArticle();

        Assert.Equal("zh", LanguageDetector.Detect(text));
    }

    [Fact]
    public async Task Article_summarizer_honours_the_configured_budget()
    {
        var (title, text) = SeedArticle();
        var summarizer = new ExtractiveArticleSummarizer(new SummariesOptions { MaxChars = 100 });

        var summary = await summarizer.SummarizeAsync(title, text, CancellationToken.None);

        Assert.StartsWith("分析人士称", summary);
        Assert.InRange(TextLength.Count(summary), 1, 100);
    }
}
