using NewsBot.Feeds.FullText;
using NewsBot.Feeds.Parsing;
using NewsBot.Tests.Summaries;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.FullText;

/// <summary>Extraction of the evaluation set's articles from news pages in four site layouts, zh and en, 50–300 KB.</summary>
public sealed class ArticleExtractorTests
{
    private static readonly IReadOnlyList<EvaluationArticle> Articles = EvaluationArticle.LoadAll();

    public static TheoryData<string> Names() => new(Articles.Select(a => a.Name));

    internal static (NewsPages.Page Page, Uri Url, int Layout) PageOf(EvaluationArticle article, int index)
    {
        var layout = (article.Language == "zh" ? 2 : 0) + (index % 2);
        var url = new Uri($"https://news.example.com/{article.Language}/2026/11/30/{article.Name}.html");
        var size = 50_000 + (index * 12_500 % 250_000);
        return (NewsPages.Render(article.Title, article.Text.Split('\n'), article.Language, url, layout, size), url, layout);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_article_text_comes_out_and_the_chrome_stays_in(string name)
    {
        var index = Articles.ToList().FindIndex(a => a.Name == name);
        var article = Articles[index];
        var (page, url, _) = PageOf(article, index);
        var bytes = NewsPages.Encode(page.Html);
        Assert.InRange(bytes.Length, 50_000, 310_000);

        // Through the page decoder as served (the gb2312 portal is GB18030 bytes), then extraction.
        var html = FeedEncoding.DecodeHtml(bytes, "text/html");
        var extracted = ArticleExtractor.Extract(html, url);

        Assert.Null(extracted.Problem);
        var paragraphs = article.Text.Split('\n').Select(p => p.Trim())
            .Where(p => p.Length > 30 && !p.StartsWith("Photo:", StringComparison.Ordinal) && !p.StartsWith("File photo", StringComparison.Ordinal)
                && !p.StartsWith("图为", StringComparison.Ordinal) && !p.StartsWith("资料", StringComparison.Ordinal) && !p.StartsWith("Read more", StringComparison.Ordinal))
            .ToList();
        // A dateline ("WASHINGTON — ", "东京——") may be cut off the first paragraph the way it is from a feed's content.
        var missing = paragraphs.Where(p => !extracted.Text.Contains(p[(p.Length / 3)..], StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"missing:\n{string.Join('\n', missing)}\nextracted:\n{extracted.Text}");
        var lines = extracted.Text.Split('\n');
        foreach (var marker in NewsPages.ChromeMarkers.Where(m => !article.Text.Contains(m, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(lines, l => l.Contains(marker, StringComparison.Ordinal) && l.Length < marker.Length + 40);
        }
        Assert.Equal(page.ImageUrl, extracted.Image);
    }

    [Fact]
    public void A_page_marked_for_subscribers_gives_no_text()
    {
        var html = """
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree": false}</script></head>
            <body><article><p>The first paragraph is free to read, the way paywalled sites show a teaser above the wall.</p>
            <div class="paywall">Subscribe to continue reading.</div></article></body></html>
            """;

        var extracted = ArticleExtractor.Extract(html, new Uri("https://paper.example.com/a"));

        Assert.Equal("", extracted.Text);
        Assert.Contains("subscribers", extracted.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body><nav><a href='/'>Home</a></nav><p>Short.</p></body></html>")]
    [InlineData("")]
    [InlineData("<<<>>>&&&")]
    public void A_page_without_an_article_says_so(string html)
    {
        var extracted = ArticleExtractor.Extract(html, new Uri("https://site.example.com/"));

        Assert.Equal("", extracted.Text);
        Assert.NotNull(extracted.Problem);
    }
}
