using System.Diagnostics;
using System.Text;
using NewsBot.Feeds;
using NewsBot.Tests.Support;

namespace NewsBot.Tests.Feeds;

/// <summary>Every outside input is hostile: each of these ends in one clear line, quickly, and never in a crash.</summary>
public class HostileInputTests
{
    private static readonly string BillionLaughs =
        HostileXml.BillionLaughs("lolz", """<rss version="2.0"><channel><title>&lol9;</title></channel></rss>""");

    private const string ExternalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>
        """;

    private const string HtmlPage = """
        <!DOCTYPE html>
        <html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/feed"></head>
        <body><p>Welcome &nbsp; <br> to the site</p></body></html>
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "billion laughs", BillionLaughs, "entity" },
        { "external entity", ExternalEntity, "external entity" },
        { "HTML page", HtmlPage, "HTML page" },
        { "empty body", "", "empty" },
        { "whitespace body", "  \r\n\t ", "empty" },
        { "plain text", "Service Unavailable", "neither XML nor JSON" },
        { "other XML", "<note><to>Tove</to></note>", "<note>" },
        { "JSON that is not a feed", "{\"verion\": \"1.0\"}", "JSON Feed" },
        { "broken JSON", "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", "not valid JSON" },
        { "truncated before the root", "<?xml version=\"1.0\"?><rs", "not a feed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refused_with_one_clear_line(string name, string body, string expectedInMessage)
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body), null, null));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{name} took {watch.Elapsed}");
        Assert.Contains(expectedInMessage, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal); // nothing of /etc/passwd
    }

    [Fact]
    public void Truncated_feed_recovers_the_complete_items()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>");
        for (int i = 0; i < 10; i++)
            sb.Append("<item><guid>").Append(i).Append("</guid><title>Item ").Append(i).Append("</title><description><![CDATA[<p>Body ").Append(i).Append("</p>]]></description></item>");
        string full = sb.ToString();
        string cut = full[..(full.LastIndexOf("<description>", StringComparison.Ordinal) + 25)];
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(cut), null, null);
        Assert.Equal(9, feed.Items.Count);
        Assert.Equal("Item 8", feed.Items[^1].Title);
    }

    [Fact]
    public void Deeply_nested_markup_does_not_overflow_the_stack()
    {
        string deep = "<rss version=\"2.0\"><channel><title>Deep</title><item><title>t</title><description>"
            + string.Concat(Enumerable.Repeat("<div>", 20000)) + "x" + string.Concat(Enumerable.Repeat("</div>", 20000))
            + "</description></item></channel></rss>";
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(deep), null, null);
        Assert.Equal("x", Assert.Single(feed.Items).Text);
    }

    [Fact]
    public void Random_bytes_fail_cleanly()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
                bytes[0] = (byte)'<';
            try
            {
                FeedParser.Parse(bytes, null, null);
            }
            catch (FeedParseException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
    }
}
