using System.Text;
using System.Text.Json.Nodes;
using NewsBot.Feeds;
using NewsBot.Feeds.Parsing;
using Xunit.Abstractions;

namespace NewsBot.Tests.Feeds;

/// <summary>
/// Well-formed UTF-8 feeds are read by a byte scanner instead of XmlTextReader over decoded text. The two must give the
/// same feed, field for field, on every input; and the scanner must actually be the one reading the ordinary feeds.
/// </summary>
public sealed class Utf8ScannerAgreementTests(ITestOutputHelper output)
{
    private const string Rss = """<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">""";

    /// <summary>Documents the scanner reads itself; each stresses one way XML text can be written.</summary>
    public static TheoryData<string, string> ReadByScanner => new()
    {
        { "CRLF line ends stay as written", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" + Rss + "\r\n<channel>\r\n<title>A\r\nB</title>\r\n<item><title>T</title><description>line one\r\nline two</description></item></channel></rss>" },
        { "references in text and attributes", Rss + "<channel><title>Q &amp; A &#8212; &#x4E2D; &lt;b&gt;</title><item><link>https://e.com/?a=1&amp;b=2</link><media:thumbnail url=\"https://e.com/i.jpg?w=1&amp;h=2\"/><description>&lt;p&gt;x &amp;amp; y&lt;/p&gt;</description></item></channel></rss>" },
        { "CDATA beside text and comments", Rss + "<channel><title>a <!-- c --> b<![CDATA[ <c> ]]>d</title><item><description><![CDATA[<p>one</p>]]><![CDATA[<p>two</p>]]></description><content:encoded>  <![CDATA[<p>body <a href=\"/x\">rel</a></p>]]>  </content:encoded></item></channel></rss>" },
        { "naked markup in a description", Rss + "<channel><item><title>t</title><description><p class=\"x\">Hello <b>bold</b> <i>it</i></p><br/></description></item></channel></rss>" },
        { "xml:base and relative links", "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://b.example/dir/\"><title>F</title><link href=\"/\"/><entry xml:base=\"sub/\"><id>e1</id><title type=\"html\">&lt;b&gt;T&lt;/b&gt;</title><link href=\"p1\"/><content type=\"html\">&lt;p&gt;&lt;img src=\"i.png\"&gt;&lt;a href=\"../up\"&gt;u&lt;/a&gt;&lt;/p&gt;</content></entry></feed>" },
        { "Atom plain-text bodies", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><id>1</id><summary>a &lt; b\nnext line</summary><content type=\"text\">  \n  </content></entry><entry><id>2</id><summary type=\"text\"><![CDATA[\u00A0]]></summary></entry></feed>" },
        { "Atom XHTML content", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">X <b>y</b></div></title><entry><id>1</id><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &amp; b</p></div></content></entry></feed>" },
        { "blank and empty elements", Rss + "<channel><title/><description>   </description><item><title></title><description><![CDATA[   ]]></description><content:encoded/></item></channel></rss>" },
        { "undeclared prefixes and odd spacing", "<rss version = '2.0' ><channel ><title >T</title ><item><dc:creator>Jo</dc:creator><content:encoded>&lt;p&gt;hi&lt;/p&gt;</content:encoded><atom:link\nhref=\"https://e.com/1\" /></item></channel></rss >" },
        { "processing instructions and a comment before the root", "<?xml version='1.0' standalone='yes'?><?xml-stylesheet type=\"text/xsl\" href=\"s.xsl\"?><!-- hi --><rss version=\"2.0\"><channel><title>T</title></channel></rss>trailing junk" },
        { "RDF", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"https://e.com/\"><title>R</title><link>https://e.com/</link></channel><item rdf:about=\"https://e.com/1\"><title>I</title><link>https://e.com/1</link></item></rdf:RDF>" },
        { "non-ASCII text", Rss + "<channel><title>美国之音 — Ünïcödé</title><item><title>标题 🎉</title><description><![CDATA[<p>华盛顿 —　正文</p>]]></description></item></channel></rss>" },
    };

    /// <summary>Documents the scanner leaves to XmlTextReader and the repair pass.</summary>
    public static TheoryData<string, string> LeftToXmlTextReader => new()
    {
        { "HTML entity", Rss + "<channel><title>A&nbsp;B</title></channel></rss>" },
        { "stray ampersand", Rss + "<channel><title>A & B</title></channel></rss>" },
        { "DOCTYPE", "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>T</title></channel></rss>" },
        { "mismatched case", Rss + "<channel><Title>T</title></channel></rss>" },
        { "end tag longer than its start", Rss + "<channel><title>T</titles></channel></rss>" },
        { "end tag shorter than its start", Rss + "<channel><title>T</tit></channel></rss>" },
        { "truncated", Rss + "<channel><title>T</title><item><title>I</title>" },
        { "control character", Rss + "<channel><title>A\u0001B</title></channel></rss>" },
        { "junk before the root", "Warning: headers sent\n" + Rss + "<channel><title>T</title></channel></rss>" },
        { "unquoted attribute", "<rss version=2.0><channel><title>T</title></channel></rss>" },
        { "JSON Feed", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[]}" },
        { "XML 1.1", "<?xml version=\"1.1\"?>" + Rss + "<channel><title>T</title></channel></rss>" },
        // Broken XML the scanner recognises as such, read from the repaired text first: the answer must not change.
        { "bare ampersand in an attribute", Rss + "<channel><item><title>T</title><enclosure url=\"https://e.com/a.mp3?x=1&y=2\" type=\"audio/mpeg\"/></item></channel></rss>" },
        { "'<' in an attribute", Rss + "<channel><item><title a=\"<b>\">T</title></item></channel></rss>" },
        { "duplicate attribute", Rss + "<channel><item><guid isPermaLink=\"false\" isPermaLink=\"true\">g1</guid></item></channel></rss>" },
        { "broken, and an HTML entity too", Rss + "<channel><title>A&nbsp;B</title><item><title>Fish & Chips</title><description><p>unclosed</description></item></channel></rss>" },
        { "legacy entity without semicolon", Rss + "<channel><title>?page=1&copy=2;mode=x &amp; done</title></channel></rss>" },
        { "no name after '<'", Rss + "<channel><title>1 < 2</title></channel></rss>" },
        { "control character in a comment", Rss + "<channel><title>T</title><!-- a\u0002b --><item><title>I</title></item></channel></rss>" },
        { "control character in an attribute", Rss + "<channel><title>T</title><item><title>I</title><enclosure url=\"https://e.com/a\u0007.mp3\" type=\"audio/mpeg\"/></item></channel></rss>" },
        { "NUL in text", Rss + "<channel><title>A\u0000B</title></channel></rss>" },
        { "truncated inside a tag", Rss + "<channel><title>T</title><item><title>I</title><link href=\"https://e" },
    };

    [Theory]
    [MemberData(nameof(ReadByScanner))]
    public void Scanner_reads_well_formed_feeds_as_XmlTextReader_does(string name, string xml)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(xml);
        var fast = FeedParser.ReadWellFormedUtf8(bytes, 0, new Uri("https://doc.example/feed.xml"));
        Assert.True(fast is not null, $"{name}: the scanner declined a well-formed UTF-8 feed");
        Assert.Equal(Describe(Slow(bytes, "https://doc.example/feed.xml")), Describe(fast));
    }

    [Theory]
    [MemberData(nameof(LeftToXmlTextReader))]
    public void Scanner_declines_what_it_does_not_read_exactly(string name, string xml)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(xml);
        Assert.True(FeedParser.ReadWellFormedUtf8(bytes, 0, null) is null, $"{name}: the scanner should have declined");
        // and the public entry point still gives what the text path gives (a feed or the same one-line error)
        Assert.Equal(Outcome(() => Slow(bytes, null)), Outcome(() => FeedParser.Parse(bytes, null, null)));
    }

    [Theory]
    [InlineData("<html><body><p>a & b</div></body></html>")]
    [InlineData("<note><to>x</to></note>")]
    [InlineData("<rss version=\"2.0\"><channel><title>T</title></channel></rss></rss><x")]
    [InlineData("<rss version=\"2.0\"><channel><title>T</title></channel></rss>\u0001 trailing control character")]
    public void Scanner_answers_for_a_root_it_read_as_the_text_path_does(string xml)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal(Outcome(() => Slow(bytes, null)), Outcome(() => FeedParser.Parse(bytes, null, null)));
    }

    [Fact]
    public void Escaped_html_with_one_bad_reference_anywhere_gets_the_text_paths_answer()
    {
        // Many references per 32-byte block, and the bad one at every offset, so each is checked wherever it falls.
        string good = string.Concat(Enumerable.Repeat("&lt;p&gt;a &amp; b&quot;&#233;&#x4E2D;&lt;/p&gt;", 6));
        foreach (var bad in new[] { "&bogus;", "& ", "&#0;", "&#xD800;", "&lt" })
        {
            for (int at = 0; at < 70; at++)
            {
                string content = good[..at] + bad + good[at..];
                byte[] bytes = Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><description>{content}</description></item></channel></rss>");
                Assert.Equal(Outcome(() => Slow(bytes, null)), Outcome(() => FeedParser.Parse(bytes, null, null)));
            }
        }
    }

    [SkippableFact]
    public void Every_conformance_input_gives_the_same_feed_either_way()
    {
        string? shared = SharedFolder.Find();
        Skip.If(shared is null, "../shared is absent next to the repository, so the conformance inputs cannot be compared here (CI always has it).");
        int scanned = 0, total = 0;
        var disagreements = new List<string>();
        foreach (var expected in Directory.GetFiles(Path.Combine(shared, "conformance", "cases"), "*.expected.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var meta = JsonNode.Parse(File.ReadAllText(expected))?["_meta"];
            string dir = Path.GetDirectoryName(expected)!;
            string input = Path.Combine(dir, meta?["input"]?.GetValue<string>() ?? Path.GetFileName(expected)[..^".expected.json".Length] + ".xml");
            string? baseUrl = meta?["baseUrl"]?.GetValue<string>();
            byte[] bytes = File.ReadAllBytes(input);
            total++;
            string viaParse = Outcome(() => FeedParser.Parse(bytes, null, baseUrl is null ? null : new Uri(baseUrl)));
            string viaText = Outcome(() => Slow(bytes, baseUrl));
            if (viaParse != viaText)
                disagreements.Add(Path.GetFileName(input));
            if (FeedEncoding.Detect(bytes, null, out int preamble).CodePage is 65001 or 20127 && ScannerAnswers(bytes, preamble))
                scanned++;
        }
        output.WriteLine($"{scanned} of {total} conformance inputs read by the UTF-8 scanner");
        Assert.Empty(disagreements);
        Assert.True(scanned > total / 2, $"only {scanned} of {total} inputs took the scanner");
    }

    /// <summary>True when the scanner read the document to an answer: a feed, or "not a feed" for a root it read.</summary>
    private static bool ScannerAnswers(byte[] bytes, int preamble)
    {
        try
        {
            return FeedParser.ReadWellFormedUtf8(bytes, preamble, null) is not null;
        }
        catch (FeedParseException)
        {
            return true;
        }
    }

    private static ParsedFeed Slow(byte[] bytes, string? baseUrl) =>
        FeedParser.ParseText(FeedEncoding.Decode(bytes, null), baseUrl is null ? null : new Uri(baseUrl));

    private static string Outcome(Func<ParsedFeed> parse)
    {
        try
        {
            return Describe(parse());
        }
        catch (FeedParseException e)
        {
            return "error: " + e.Message;
        }
    }

    /// <summary>Every field, lazy ones included, in one comparable string.</summary>
    private static string Describe(ParsedFeed f)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{f.Format}|{f.Title}|{f.Link}|{f.Description}|{f.Image}|{f.Author}|{string.Join(",", f.Categories)}|{f.Published:o}|{f.Updated:o}|{f.TimeToLive}|{string.Join(",", f.SkipHours)}|{string.Join(",", f.SkipDays)}");
        foreach (var i in f.Items)
        {
            sb.AppendLine($"  {i.Id}|{i.Title}|{i.Link}|{i.Published:o}|{i.Updated:o}|{i.Author}|{string.Join(",", i.Categories)}|{string.Join(",", i.Enclosures)}");
            sb.AppendLine($"  summary: {i.SummaryHtml ?? "(null)"}");
            sb.AppendLine($"  content: {i.ContentHtml ?? "(null)"}");
            sb.AppendLine($"  text: {i.Text}");
            sb.AppendLine($"  image: {i.Image}");
        }
        return sb.ToString();
    }
}
