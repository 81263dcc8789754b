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

        // the poller's entry point gives the same line without throwing
        Assert.False(FeedParser.TryParse(Encoding.UTF8.GetBytes(body), null, null, out var feed, out string? error));
        Assert.Null(feed);
        Assert.Equal(e.Message, error);
    }

    [Theory]
    [InlineData(HtmlPage)]
    [InlineData("")]
    [InlineData("Service Unavailable")]
    [InlineData("<note><to>Tove</to></note>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"windows-1252\"?><note>caf\u00e9</note>")]
    [InlineData("<note><to>Tove</to></notes>")]
    [InlineData("{\"verion\": \"1.0\"}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"title\": \"cut off")]
    public void The_everyday_not_a_feed_answers_come_back_without_an_exception(string body)
    {
        // A poller meets these all day; an exception thrown and caught costs more than reading a small feed.
        int thread = Environment.CurrentManagedThreadId;
        var thrown = new List<string>();
        EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> watch = (_, e) =>
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                lock (thrown)
                    thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message);
            }
        };
        AppDomain.CurrentDomain.FirstChanceException += watch;
        bool parsed;
        string? error;
        try
        {
            parsed = FeedParser.TryParse(Encoding.UTF8.GetBytes(body), null, null, out _, out error);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= watch;
        }
        Assert.False(parsed);
        Assert.StartsWith("not a feed: ", error, StringComparison.Ordinal);
        Assert.Empty(thrown);
    }

    [Fact]
    public void TryParse_reads_a_feed_as_Parse_does()
    {
        byte[] body = Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>One</title></item></channel></rss>");
        Assert.True(FeedParser.TryParse(body, null, null, out var feed, out string? error));
        Assert.Null(error);
        Assert.Equal("T", feed.Title);
        Assert.Equal("One", Assert.Single(feed.Items).Title);
        Assert.Equal(FeedParser.Parse(body, null, null).Items[0].Id, feed.Items[0].Id);
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
