using System.Text;
using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

/// <summary>What real sites serve beyond the given conformance cases, written from the specs and from such feeds.</summary>
public class RealWebTests
{
    private static ParsedFeed Parse(string xml, Uri? url = null) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml), null, url);

    [Fact]
    public void Double_encoded_utf8_is_repaired_in_titles_and_bodies()
    {
        var feed = Parse("<rss version=\"2.0\"><channel><title>CafÃ© du Monde</title><item><title>Ã‰lections : â€œrÃ©sultatsâ€™</title>" +
            "<description>Le prÃ©sident a parlÃ©.</description></item><item><title>São Paulo é grande</title></item></channel></rss>");

        Assert.Equal("Café du Monde", feed.Title);
        Assert.Equal("Élections : “résultats’", feed.Items[0].Title);
        Assert.Equal("Le président a parlé.", feed.Items[0].Text);
        Assert.Equal("São Paulo é grande", feed.Items[1].Title);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_fuller_body_is_the_content_and_the_shorter_the_summary_in_either_order(bool contentFirst)
    {
        const string full = "<p>The whole article, with a second paragraph.</p><p>And a third one that the teaser lacks.</p>";
        string content = $"<content:encoded><![CDATA[{(contentFirst ? "Teaser." : full)}]]></content:encoded>";
        string description = $"<description><![CDATA[{(contentFirst ? full : "Teaser.")}]]></description>";
        var item = Assert.Single(Parse("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>t</title><item>"
            + (contentFirst ? content + description : description + content) + "</item></channel></rss>").Items);

        Assert.Equal(full, item.ContentHtml);
        Assert.Equal("Teaser.", item.SummaryHtml);
    }

    [Fact]
    public void The_document_url_is_the_base_of_relative_links_without_xml_base()
    {
        var item = Assert.Single(Parse("<rss version=\"2.0\"><channel><title>t</title><item><link>/news/1.html</link>" +
            "<description>&lt;a href=\"2.html\"&gt;more&lt;/a&gt;</description></item></channel></rss>", new Uri("https://site.example/feeds/rss.xml")).Items);

        Assert.Equal("https://site.example/news/1.html", item.Link);
        Assert.Contains("href=\"https://site.example/feeds/2.html\"", item.SummaryHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_atom_entry_is_a_feed_of_one_item()
    {
        var feed = Parse("<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:uuid:1</id><title>Only entry</title>" +
            "<link href=\"https://site.example/1\"/><updated>2025-12-01T10:00:00Z</updated><content type=\"html\">&lt;p&gt;Body&lt;/p&gt;</content></entry>");

        Assert.Equal("atom1.0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Only entry", item.Title);
        Assert.Equal("https://site.example/1", item.Link);
        Assert.Equal("Body", item.Text);
    }

    [Fact]
    public void Namespaces_seen_in_the_wild()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:x="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/"
                 xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/" xmlns:my="urn:made-up">
              <channel><title>t</title><itunes:image href="https://site.example/show.jpg"/><managingEditor>ed@site.example (Ed Itor)</managingEditor>
                <item><media:title>Media title only</media:title><my:rating><my:stars>5</my:stars></my:rating>
                  <x:link rel="alternate" href="https://site.example/a"/><dcterms:issued>2025-12-01T08:00:00Z</dcterms:issued>
                  <itunes:image href="https://site.example/ep.jpg"/><author>Jane Doe &lt;jane@site.example&gt;</author></item>
                <item><title>Two</title><dcterms:created>2025-11-30T08:00:00Z</dcterms:created><dcterms:modified>not a date</dcterms:modified>
                  <dcterms:modified>2025-12-02T09:00:00Z</dcterms:modified><dcterms:modified>2025-12-03T09:00:00Z</dcterms:modified></item>
              </channel></rss>
            """);

        Assert.Equal("https://site.example/show.jpg", feed.Image);
        Assert.Equal(new FeedAuthor("Ed Itor", "ed@site.example"), feed.Author);
        var one = feed.Items[0];
        Assert.Equal("Media title only", one.Title);
        Assert.Equal("https://site.example/a", one.Link);
        Assert.Equal(DateTimeOffset.Parse("2025-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), one.Published);
        Assert.Equal("https://site.example/ep.jpg", one.Image);
        Assert.Equal(new FeedAuthor("Jane Doe", "jane@site.example"), one.Author);
        var two = feed.Items[1];
        Assert.Equal(DateTimeOffset.Parse("2025-11-30T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), two.Published);
        Assert.Equal(DateTimeOffset.Parse("2025-12-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), two.Updated);
    }

    [Fact]
    public void Atom_03_under_its_own_uri_and_a_default_namespace_reset()
    {
        var feed = Parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
              <entry><title>E</title><link rel="alternate" type="text/html" href="https://site.example/e"/><issued>2004-01-01T00:00:00Z</issued>
                <x xmlns=""><title>not the entry's</title></x></entry></feed>
            """);

        Assert.Equal("atom0.3", feed.Format);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("E", entry.Title);
        Assert.Equal("https://site.example/e", entry.Link);
        Assert.Equal(2004, entry.Published?.Year);
    }

    [Fact]
    public void A_plain_internal_entity_is_expanded_and_one_that_refers_to_others_is_refused()
    {
        var feed = Parse("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY site \"Example News\">\n  <!-- who writes -->\n  <!ENTITY who 'Tom > Co'>\n]>\n" +
            "<rss version=\"2.0\"><channel><title>&site; daily</title><item><title>By &who; &amp; friends</title></item></channel></rss>");
        Assert.Equal("Example News daily", feed.Title);
        Assert.Equal("By Tom > Co & friends", Assert.Single(feed.Items).Title);

        var e = Assert.Throws<FeedParseException>(() => Parse("<!DOCTYPE rss [<!ENTITY a \"x\"><!ENTITY b \"&a;&a;\">]><rss><channel><title>&b;</title></channel></rss>"));
        Assert.Contains("entity-expansion", e.Message, StringComparison.Ordinal);
    }
}
