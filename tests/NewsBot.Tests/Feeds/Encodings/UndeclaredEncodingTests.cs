using System.Text;
using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds.Encodings;

public class UndeclaredEncodingTests
{
    static UndeclaredEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> Encodings => new(UndeclaredText.Samples.Select(s => s.Encoding));

    private static (string Encoding, string[] Items) Sample(string encoding) => UndeclaredText.Samples.Single(s => s.Encoding == encoding);

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Undeclared_legacy_text_is_read_from_its_bytes(string encoding)
    {
        var sample = Sample(encoding);
        byte[] bytes = Encoding.GetEncoding(encoding).GetBytes(UndeclaredText.Rss(sample));

        Assert.Equal(Encoding.GetEncoding(encoding).CodePage, CharsetDetection.Detect(bytes, null).CodePage);
        var feed = FeedParser.Parse(bytes);
        Assert.Equal(sample.Items.Length, feed.Items.Count);
        for (int i = 0; i < sample.Items.Length; i++)
        {
            Assert.Equal(sample.Items[i][..Math.Min(sample.Items[i].Length, 20)].Trim(), feed.Items[i].Title);
            Assert.Equal($"{sample.Items[i]} {sample.Items[i]}", feed.Items[i].Text);
        }
    }

    [Theory]
    [InlineData("big5")]
    [InlineData("gb18030")]
    [InlineData("shift_jis")]
    [InlineData("koi8-r")]
    public void A_utf8_declaration_over_legacy_bytes_is_not_believed(string encoding)
    {
        var sample = Sample(encoding);
        byte[] bytes = Encoding.GetEncoding(encoding).GetBytes(UndeclaredText.Rss(sample, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));

        var feed = FeedParser.Parse(bytes, "application/rss+xml; charset=utf-8");
        Assert.Equal($"{sample.Items[2]} {sample.Items[2]}", feed.Items[2].Text);
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    [InlineData("windows-1251")]
    public void A_single_byte_declaration_over_utf8_text_is_not_believed(string declared)
    {
        var sample = Sample("big5");
        byte[] bytes = Encoding.UTF8.GetBytes(UndeclaredText.Rss(sample, $"<?xml version=\"1.0\" encoding=\"{declared}\"?>"));

        Assert.Equal(65001, CharsetDetection.Detect(bytes, declared).CodePage);
        Assert.Equal($"{sample.Items[1]} {sample.Items[1]}", FeedParser.Parse(bytes).Items[1].Text);
    }

    [Fact]
    public void A_declaration_the_bytes_agree_with_is_used_without_statistics()
    {
        byte[] gbk = Encoding.GetEncoding("gb18030").GetBytes("<p>中文新闻</p>");
        Assert.Equal(Encoding.GetEncoding("big5").CodePage, CharsetDetection.Detect(gbk, "big5").CodePage);
        Assert.Equal(65001, CharsetDetection.Detect("<p>中文新闻</p>"u8, "utf-8").CodePage);
        Assert.Equal(65001, CharsetDetection.Detect("<p>plain</p>"u8, null).CodePage);
    }

    public static TheoryData<bool, bool> Utf32Forms => new() { { false, true }, { false, false }, { true, true }, { true, false } };

    [Theory]
    [MemberData(nameof(Utf32Forms))]
    public void Utf32_is_read_in_both_byte_orders_with_or_without_a_mark(bool bigEndian, bool mark)
    {
        var utf32 = new UTF32Encoding(bigEndian, mark);
        string xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Ünïcode 新闻 🎉</title><item><title>Один</title></item></channel></rss>";
        byte[] bytes = [.. utf32.GetPreamble(), .. utf32.GetBytes(xml)];

        var feed = FeedParser.Parse(bytes);
        Assert.Equal("Ünïcode 新闻 🎉", feed.Title);
        Assert.Equal("Один", Assert.Single(feed.Items).Title);
        Assert.Equal(utf32.CodePage, CharsetDetection.Detect(bytes, null).CodePage);
    }

    [Fact]
    public void Windows_1252_smart_quotes_in_an_iso_8859_1_document_are_read_as_quotes()
    {
        byte[] bytes = Encoding.GetEncoding(1252).GetBytes(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>t</title>" +
            "<item><title>“Quoted” – it’s café</title></item></channel></rss>");

        Assert.Equal("“Quoted” – it’s café", Assert.Single(FeedParser.Parse(bytes, "text/xml; charset=ISO-8859-1").Items).Title);
    }
}
