using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

/// <summary>The project's seed article: a VOA Chinese item with a lead image, a caption and a dateline.</summary>
public class SeedFixtureTests
{
    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    [Fact]
    public void Text_starts_with_the_lead_sentence_not_the_caption()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(TestData("seed-voa-zh.xml")), "application/rss+xml", null);
        var item = Assert.Single(feed.Items);
        Assert.StartsWith("分析人士称，平壤承诺", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("资料照片", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("华盛顿 —", item.Text, StringComparison.Ordinal);
        Assert.EndsWith("让俄罗斯看起来像一个流氓国家。”", item.Text, StringComparison.Ordinal);
        Assert.Contains('\n', item.Text);
    }

    [Fact]
    public void Image_proxy_is_unwrapped_to_the_original()
    {
        var item = FeedParser.Parse(File.ReadAllBytes(TestData("seed-voa-zh.xml")), null, null).Items[0];
        Assert.Equal("https://gdb.voanews.com/16dfbdfe-94c3-450f-8260-1e169495755a_r1_s_w900.jpg", item.Image);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/xml")]
    [InlineData("application/rss+xml; charset=GBK")]
    [InlineData("text/xml; charset=ISO-8859-1")]
    public void Gbk_twin_gives_exactly_the_text_of_the_utf8_original(string? contentType)
    {
        var utf8 = FeedParser.Parse(File.ReadAllBytes(TestData("seed-voa-zh.xml")), null, null);
        var gbk = FeedParser.Parse(File.ReadAllBytes(TestData("seed-voa-zh.gbk.xml")), contentType, null);
        Assert.Equal(utf8.Title, gbk.Title);
        Assert.Equal(utf8.Items.Count, gbk.Items.Count);
        for (int i = 0; i < utf8.Items.Count; i++)
        {
            Assert.Equal(utf8.Items[i].Title, gbk.Items[i].Title);
            Assert.Equal(utf8.Items[i].Text, gbk.Items[i].Text);
            Assert.Equal(utf8.Items[i].Image, gbk.Items[i].Image);
            Assert.Equal(DedupeKey.For(utf8.Items[i]), DedupeKey.For(gbk.Items[i]));
        }
    }
}
