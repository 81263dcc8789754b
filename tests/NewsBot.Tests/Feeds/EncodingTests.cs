using System.Text;
using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

public class EncodingTests
{
    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string> Samples => new()
    {
        { "GB2312", "中文新闻标题" },
        { "GBK", "中文新闻标题" },
        { "GB18030", "中文新闻标题" },
        { "Big5", "中文新聞標題" },
        { "Shift_JIS", "日本語のニュース" },
        { "EUC-KR", "한국어 뉴스 제목" },
        { "KOI8-R", "Новости дня" },
        { "windows-1251", "Новости дня" },
        { "windows-1252", "Café crème – “quoted”" },
        { "ISO-8859-1", "Café crème" },
        { "ISO-8859-2", "Zażółć gęślą" },
        { "ISO-8859-7", "Ειδήσεις" },
        { "windows-1256", "أخبار اليوم" },
        { "utf-16", "混合 text ünïcode" },
    };

    private static byte[] Encode(string encoding, string xml)
    {
        var enc = Encoding.GetEncoding(encoding is "GBK" or "GB2312" ? "GB18030" : encoding);
        return [.. enc.GetPreamble(), .. enc.GetBytes(xml)];
    }

    private static string Feed(string title, string? declared) =>
        (declared is null ? "" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>")
        + $"<rss version=\"2.0\"><channel><title>{title}</title><item><title>{title}</title></item></channel></rss>";

    [Theory]
    [MemberData(nameof(Samples))]
    public void Xml_declaration_is_honoured(string encoding, string text)
    {
        var feed = FeedParser.Parse(Encode(encoding, Feed(text, encoding)), null, null);
        Assert.Equal(text, feed.Title);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Http_charset_is_honoured_without_a_declaration(string encoding, string text)
    {
        var feed = FeedParser.Parse(Encode(encoding, Feed(text, null)), $"application/rss+xml; charset=\"{encoding}\"", null);
        Assert.Equal(text, feed.Title);
    }

    [Fact]
    public void Http_charset_wins_over_a_wrong_declaration()
    {
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Feed("Новости дня", "utf-8"));
        Assert.Equal("Новости дня", FeedParser.Parse(bytes, "text/xml; charset=windows-1251", null).Title);
    }

    [Fact]
    public void Utf8_body_under_a_generic_latin1_header_stays_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Feed("Ünïcödé 中文", null));
        Assert.Equal("Ünïcödé 中文", FeedParser.Parse(bytes, "text/xml; charset=ISO-8859-1", null).Title);
    }

    [Fact]
    public void Declared_utf8_over_latin1_bytes_is_sniffed()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Feed("Café crème brûlée", "utf-8"));
        Assert.Equal("Café crème brûlée", FeedParser.Parse(bytes, null, null).Title);
    }

    [Fact]
    public void Unlabelled_gbk_is_sniffed()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Feed("中文新闻标题和更多的文字", null));
        Assert.Equal("中文新闻标题和更多的文字", FeedParser.Parse(bytes, null, null).Title);
    }

    [Fact]
    public void Utf8_bom_and_utf16_without_bom_are_read()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Feed("BOM", "utf-8"))];
        Assert.Equal("BOM", FeedParser.Parse(bom, null, null).Title);
        var utf16 = Encoding.Unicode.GetBytes(Feed("sixteen", "utf-16"));
        Assert.Equal("sixteen", FeedParser.Parse(utf16, null, null).Title);
    }
}
