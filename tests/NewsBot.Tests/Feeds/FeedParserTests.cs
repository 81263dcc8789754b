using System.Text;
using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

public class FeedParserTests
{
    private static ParsedFeed Parse(string xml, string? contentType = null, string? url = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(xml), contentType, url is null ? null : new Uri(url));

    [Fact]
    public void Rss2_with_content_encoded_gives_text_image_and_fields()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>Example &amp; Co</title><link>https://example.org/</link><description>All the news</description>
                <ttl>30</ttl>
                <item>
                  <title>First story</title>
                  <link>/posts/1</link>
                  <guid isPermaLink="false">post-1</guid>
                  <pubDate>Tue, 05 Nov 2024 02:39:04 GMT</pubDate>
                  <dc:creator>Jane Doe</dc:creator>
                  <category>World</category><category>Politics</category>
                  <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
                  <content:encoded><![CDATA[<figure><img src="/img/lead.jpg"><figcaption>A caption to drop</figcaption></figure><p>First paragraph.</p><p>Second&nbsp;paragraph.</p>]]></content:encoded>
                  <enclosure url="https://example.org/a.mp3" type="audio/mpeg" length="1234"/>
                </item>
              </channel>
            </rss>
            """, url: "https://example.org/feed.xml");

        Assert.Equal("rss2.0", feed.Format);
        Assert.Equal("Example & Co", feed.Title);
        Assert.Equal(TimeSpan.FromMinutes(30), feed.TimeToLive);
        var item = Assert.Single(feed.Items);
        Assert.Equal("post-1", item.Id);
        Assert.Equal("https://example.org/posts/1", item.Link);
        Assert.Equal(new DateTimeOffset(2024, 11, 5, 2, 39, 4, TimeSpan.Zero), item.Published);
        Assert.Equal("Jane Doe", item.Author?.Name);
        Assert.Equal(["World", "Politics"], item.Categories);
        Assert.Equal("First paragraph.\nSecond paragraph.", item.Text); // &nbsp; reads as a plain space
        Assert.Equal("https://example.org/img/lead.jpg", item.Image);
        Assert.Equal(new FeedEnclosure("https://example.org/a.mp3", "audio/mpeg", 1234), Assert.Single(item.Enclosures));
        Assert.Contains("teaser", item.SummaryHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom10_reads_text_constructs_links_and_people()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/">
              <title type="html">&lt;b&gt;Blog&lt;/b&gt;</title>
              <subtitle>Notes</subtitle>
              <link rel="self" href="/atom.xml"/><link rel="alternate" type="text/html" href="/"/>
              <updated>2024-01-02T03:04:05+02:00</updated>
              <author><name>Ann</name><email>ann@example.com</email></author>
              <logo>logo.png</logo>
              <entry>
                <id>tag:example.com,2024:1</id>
                <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>world</b></div></title>
                <link rel="alternate" href="posts/1"/>
                <link rel="enclosure" href="https://cdn.example.com/v.mp4" type="video/mp4" length="99"/>
                <published>2024-01-01T00:00:00Z</published>
                <updated>2024-01-02T00:00:00Z</updated>
                <category term="dotnet" label=".NET"/>
                <summary type="text">1 &lt; 2</summary>
                <content type="html" xml:base="https://blog.example.com/posts/">&lt;p&gt;See &lt;a href="2"&gt;next&lt;/a&gt;&lt;/p&gt;</content>
              </entry>
            </feed>
            """);

        Assert.Equal("atom1.0", feed.Format);
        Assert.Equal("Blog", feed.Title);
        Assert.Equal("https://blog.example.com/", feed.Link);
        Assert.Equal("https://blog.example.com/logo.png", feed.Image);
        Assert.Equal(new FeedAuthor("Ann", "ann@example.com"), feed.Author);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 1, 4, 5, TimeSpan.Zero), feed.Updated);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("Hello world", entry.Title);
        Assert.Equal("https://blog.example.com/posts/1", entry.Link);
        Assert.Equal(["dotnet"], entry.Categories);
        Assert.Equal("1 &lt; 2", entry.SummaryHtml);
        Assert.Contains("href=\"https://blog.example.com/posts/2\"", entry.ContentHtml, StringComparison.Ordinal);
        Assert.Equal("See next", entry.Text);
        Assert.Equal("video/mp4", Assert.Single(entry.Enclosures).Type);
    }

    [Fact]
    public void Atom03_escaped_and_base64_content_is_decoded()
    {
        var feed = Parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title>Old</title>
              <entry>
                <title mode="escaped" type="text/html">&lt;i&gt;Old&lt;/i&gt; entry</title>
                <issued>2004-01-01T00:00:00Z</issued>
                <content mode="base64" type="text/html">PHA+SGVsbG88L3A+</content>
              </entry>
            </feed>
            """);
        Assert.Equal("atom0.3", feed.Format);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("Old entry", entry.Title);
        Assert.Equal("<p>Hello</p>", entry.ContentHtml);
        Assert.Equal("Hello", entry.Text);
        Assert.Equal(2004, entry.Published?.Year);
    }

    [Fact]
    public void Rss10_rdf_items_sit_beside_the_channel()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.org/"><title>RDF</title><link>https://example.org/</link></channel>
              <image rdf:about="https://example.org/i.png"><url>https://example.org/i.png</url></image>
              <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link><dc:date>2024-02-03</dc:date></item>
              <item rdf:about="https://example.org/2"><title>Two</title><link>https://example.org/2</link></item>
            </rdf:RDF>
            """);
        Assert.Equal("rss1.0", feed.Format);
        Assert.Equal("https://example.org/i.png", feed.Image);
        Assert.Equal(["One", "Two"], feed.Items.Select(i => i.Title));
        Assert.Equal("https://example.org/1", feed.Items[0].Id);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 0, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
    }

    [Fact]
    public void Json_feed_11_maps_items_authors_and_attachments()
    {
        var feed = Parse("""
            {"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://j.example/","icon":"https://j.example/i.png",
             "authors":[{"name":"Kim"}],
             "items":[{"id":"1","url":"https://j.example/1","title":"One","content_html":"<p>Body</p>","image":"https://j.example/1.jpg",
                       "date_published":"2024-05-06T07:08:09-05:00","tags":["a","b"],
                       "attachments":[{"url":"https://j.example/1.mp3","mime_type":"audio/mpeg","size_in_bytes":10}]}]}
            """);
        Assert.Equal("json1.1", feed.Format);
        Assert.Equal("Kim", feed.Author?.Name);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Body", item.Text);
        Assert.Equal("https://j.example/1.jpg", item.Image);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 12, 8, 9, TimeSpan.Zero), item.Published);
        Assert.Equal(["a", "b"], item.Categories);
        Assert.Equal(10, Assert.Single(item.Enclosures).Length);
    }

    [Fact]
    public void Json_member_names_are_matched_escaped_or_not_and_unknown_long_ones_are_skipped()
    {
        var feed = Parse("""
            {"version":"1.1","\u0074itle":"Escaped","a_member_name_longer_than_any_we_read":"x",
             "items":[{"id":"1","ur\u006c":"https://j.example/1","t\u00edtulo":"not ours"}]}
            """);
        Assert.Equal("Escaped", feed.Title);
        Assert.Equal("https://j.example/1", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Json_members_in_any_order_the_last_of_duplicates_winning_and_other_kinds_ignored()
    {
        // feed_url after the items still sets their base; a member of another kind counts as absent
        var feed = Parse("""
            {"items":[{"id":12,"url":"p/1","title":5,"title":" Late  title ","tags":["x"],"tags":["a"," a ",3,"","b"],
                       "attachments":[7,{"url":5},{"url":"a.mp3","mime_type":"audio/mpeg","size_in_bytes":1.5}],
                       "authors":[5,{"url":"https://no.name"}],"author":{"name":"Old style"},
                       "deep":{"title":"not mine","items":[[{}]]}},
                      "not an item",
                      {"id":"x","content_text":"a < b\nnext"}],
             "feed_url":"https://j.example/dir/feed.json","version":"https://jsonfeed.org/version/1.1",
             "authors":{"name":"not an array"},"author":"Pat (pat@j.example)"}
            """);
        Assert.Equal("json1.1", feed.Format);
        Assert.Equal("Pat", feed.Author?.Name);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("12", first.Id);
        Assert.Equal("https://j.example/dir/p/1", first.Link);
        Assert.Equal("Late title", first.Title);
        Assert.Equal(["a", "b"], first.Categories);
        var enclosure = Assert.Single(first.Enclosures);
        Assert.Equal("https://j.example/dir/a.mp3", enclosure.Url);
        Assert.Null(enclosure.Length);
        Assert.Equal("Old style", first.Author?.Name);
        Assert.Equal("a &lt; b<br>\nnext", feed.Items[1].ContentHtml);
    }

    [Theory]
    [InlineData("""{"version":"1.1","items":[{"title":"cut""")]
    [InlineData("""{"version":"1.1","items":[""")]
    [InlineData("{\"version\":\"1.1\",\"title\":\"x")]
    [InlineData("{")]
    public void Json_that_stops_early_is_named_as_such(string json)
    {
        var e = Assert.Throws<FeedParseException>(() => Parse(json));
        Assert.Equal("not a feed: the body is not valid JSON (it ends before the JSON does)", e.Message);
    }

    [Theory]
    [InlineData("""{"version":"1.1"} trailing""", "after a single JSON value")]
    [InlineData("""{"version":"1.1","title":tru}""", "literal")]
    [InlineData("""{'version':'1.1'}""", "property name")]
    [InlineData("""[1, 2]""", "not a JSON Feed object")]
    [InlineData("""[1, 2""", "not valid JSON")]
    public void Json_that_is_wrong_says_where(string json, string expected)
    {
        var e = Assert.Throws<FeedParseException>(() => Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("not a feed: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><title>Caf&eacute; &nbsp;&mdash; news</title></channel></rss>", "Café — news")]
    [InlineData("<rss version=\"2.0\"><channel><title>Fish & Chips & more</title></channel></rss>", "Fish & Chips & more")]
    [InlineData("<RSS version=\"2.0\"><Channel><Title>Upper</title></channel></rss>", "Upper")]
    [InlineData("Warning: junk from PHP\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>After junk</title></channel></rss>", "After junk")]
    [InlineData("   \n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Leading space</title></channel></rss>", "Leading space")]
    [InlineData("<rss version=\"2.0\"><channel><title>ab\u0008cd</title></channel></rss>", "abcd")]
    [InlineData("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>Netscape</title></channel></rss>", "Netscape")]
    public void Broken_real_world_xml_is_recovered(string xml, string title) => Assert.Equal(title, Parse(xml).Title);

    [Fact]
    public void Naked_html_inside_description_with_unclosed_tags_is_kept()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><item><title>t</title><description><p>one<br>two</p></description></item></channel></rss>");
        Assert.Equal("one\ntwo", Assert.Single(feed.Items).Text);
    }

    [Fact]
    public void Truncated_document_keeps_only_the_complete_items()
    {
        var xml = "<rss version=\"2.0\"><channel><title>T</title>"
            + "<item><title>one</title><guid>1</guid></item>"
            + "<item><title>two</title><guid>2</guid></item>"
            + "<item><title>thr";
        var feed = Parse(xml);
        Assert.Equal(["one", "two"], feed.Items.Select(i => i.Title));
    }

    [Fact]
    public void Relative_links_resolve_against_xml_base_then_the_document_url()
    {
        var feed = Parse("""
            <rss version="2.0"><channel><link>/</link>
              <item><link>a.html</link></item>
              <item xml:base="https://other.example/dir/"><link>b.html</link></item>
            </channel></rss>
            """, url: "https://news.example/feeds/rss.xml");
        Assert.Equal("https://news.example/", feed.Link);
        Assert.Equal("https://news.example/feeds/a.html", feed.Items[0].Link);
        Assert.Equal("https://other.example/dir/b.html", feed.Items[1].Link);
    }

    [Fact]
    public void Media_namespace_with_an_unusual_prefix_still_gives_the_image()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
              <channel><itunes:image href="https://p.example/show.jpg"/>
                <item><title>a</title><m:group><m:content url="https://p.example/a.jpg" medium="image"/></m:group></item>
                <item><title>b</title><itunes:image href="https://p.example/b.jpg"/></item>
                <item><title>c</title><enclosure url="https://p.example/c.png" type="image/png" length="1"/></item>
              </channel>
            </rss>
            """);
        Assert.Equal("https://p.example/show.jpg", feed.Image);
        Assert.Equal(["https://p.example/a.jpg", "https://p.example/b.jpg", "https://p.example/c.png"], feed.Items.Select(i => i.Image));
    }

    [Fact]
    public void Undeclared_namespace_prefixes_do_not_abort_the_parse()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><item><title>t</title><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded></item></channel></rss>");
        Assert.Equal("Body", Assert.Single(feed.Items).Text);
    }

    [Fact]
    public void Nothing_of_one_document_carries_into_the_next_on_the_same_thread()
    {
        // The reader, its builders and their lists are reused per thread; each feed handed out must stay as it was read.
        var first = Parse("""
            <rss version="2.0"><channel><title>First</title><category>World</category><ttl>60</ttl>
            <skipHours><hour>3</hour></skipHours><skipDays><day>Sunday</day></skipDays>
            <item><guid>a</guid><title>A</title><category>Politics</category><enclosure url="https://e.example/a.jpg" type="image/jpeg"/></item>
            </channel></rss>
            """);
        var second = Parse("""<rss version="2.0"><channel><title>Second</title><item><title>B</title></item></channel></rss>""");
        var third = Parse("""<feed xmlns="http://www.w3.org/2005/Atom"><title>Third</title></feed>""");

        Assert.Equal(["World"], first.Categories);
        Assert.Equal([3], first.SkipHours);
        Assert.Equal([DayOfWeek.Sunday], first.SkipDays);
        var a = Assert.Single(first.Items);
        Assert.Equal(["Politics"], a.Categories);
        Assert.Single(a.Enclosures);

        Assert.Equal("Second", second.Title);
        Assert.Empty(second.Categories);
        Assert.Null(second.TimeToLive);
        Assert.Empty(second.SkipHours);
        Assert.Empty(second.SkipDays);
        var b = Assert.Single(second.Items);
        Assert.Null(b.Id);
        Assert.Empty(b.Categories);
        Assert.Empty(b.Enclosures);
        Assert.Null(b.Image);

        Assert.Equal("atom1.0", third.Format);
        Assert.Empty(third.Items);
        Assert.Empty(third.Categories);
    }
}
