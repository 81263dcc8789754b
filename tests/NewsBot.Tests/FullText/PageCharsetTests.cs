using System.Text;
using NewsBot.Feeds.Parsing;

namespace NewsBot.Tests.FullText;

/// <summary>Article pages as real sites label them (or do not): HTTP charset, &lt;meta charset&gt;, http-equiv, nothing.</summary>
public sealed class PageCharsetTests
{
    private const string Chinese = "国务院常务会议部署进一步稳外贸措施，会议指出要加大对中小企业的支持力度。";
    private const string Traditional = "立法院今日三讀通過預算案，行政院表示將盡快執行，颱風今晚接近台灣東部海面。";

    static PageCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Page(string head, string text) => $"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>";

    [Theory]
    [InlineData("<meta charset=\"gbk\">", "gbk", null)]
    [InlineData("<meta charset=gb2312>", "gb18030", null)]
    [InlineData("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GB2312\">", "gb18030", null)]
    [InlineData("<meta http-equiv='Content-Type' content='text/html;charset=big5'>", "big5", null)]
    [InlineData("<meta charset=\"gbk\">", "gbk", "text/html; charset=ISO-8859-1")] // a server's default label loses to the page's own
    [InlineData("", "gb18030", "text/html; charset=gbk")]
    [InlineData("", "gb18030", "text/html")] // no label at all: the bytes decide
    [InlineData("", "big5", null)]
    public void The_page_decodes_to_its_text(string head, string encoding, string? contentType)
    {
        var text = encoding == "big5" ? Traditional : Chinese;
        var bytes = Encoding.GetEncoding(encoding).GetBytes(Page(head, text + text + text));

        Assert.Contains(text, FeedEncoding.DecodeHtml(bytes, contentType), StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_label_the_bytes_contradict_is_not_believed()
    {
        var bytes = Encoding.UTF8.GetBytes(Page("<meta charset=\"windows-1252\">", Chinese));

        Assert.Contains(Chinese, FeedEncoding.DecodeHtml(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_wins()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Page("<meta charset=\"gbk\">", Chinese))).ToArray();

        Assert.Contains(Chinese, FeedEncoding.DecodeHtml(bytes, "text/html; charset=gbk"), StringComparison.Ordinal);
    }
}
