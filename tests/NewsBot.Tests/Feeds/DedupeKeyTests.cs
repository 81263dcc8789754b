using NewsBot.Feeds;

namespace NewsBot.Tests.Feeds;

public class DedupeKeyTests
{
    [Fact]
    public void Prefers_id_then_link_then_title_and_content()
    {
        var withId = new FeedItem { Id = "urn:1", Link = "https://a.example/1", Title = "T" };
        var sameIdOtherLink = new FeedItem { Id = " urn:1 ", Link = "https://a.example/other", Title = "Changed" };
        Assert.Equal(DedupeKey.For(withId), DedupeKey.For(sameIdOtherLink));

        var byLink = new FeedItem { Link = "https://A.example/1" };
        var byLinkAgain = new FeedItem { Link = "https://a.example/1", Title = "new title" };
        Assert.Equal(DedupeKey.For(byLink), DedupeKey.For(byLinkAgain));
        Assert.NotEqual(DedupeKey.For(byLink), DedupeKey.For(new FeedItem { Link = "https://a.example/2" }));

        var byText = new FeedItem { Title = "Title", Text = "Body text" };
        Assert.Equal(DedupeKey.For(byText), DedupeKey.For(new FeedItem { Title = " Title ", Text = "Body   text" }));
        Assert.NotEqual(DedupeKey.For(byText), DedupeKey.For(new FeedItem { Title = "Title", Text = "Other body" }));
    }

    [Fact]
    public void Dates_and_order_never_change_the_key()
    {
        const string Xml1 = "<rss version=\"2.0\"><channel><item><guid>a</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item><item><title>x</title><description>d</description></item></channel></rss>";
        const string Xml2 = "<rss version=\"2.0\"><channel><item><description>d</description><title>x</title><pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item><item><guid>a</guid><pubDate>Wed, 03 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>";
        var first = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(Xml1), null, null).Items.Select(DedupeKey.For).ToHashSet();
        var second = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(Xml2), null, null).Items.Select(DedupeKey.For).ToHashSet();
        Assert.Equal(first, second);
        Assert.All(first, k => Assert.Matches("^[0-9a-f]{32}$", k));
    }
}
