using NewsBot.Feeds.Parsing;

namespace NewsBot.Tests.Feeds;

public sealed class FeedUrlsTests
{
    /// <summary>The shortcut for plain relative paths must give exactly what Uri gives, or stand aside.</summary>
    [Theory]
    [InlineData("https://blog.example.org/", "posts/12")]
    [InlineData("https://blog.example.org", "posts/12")]
    [InlineData("https://blog.example.org/a/b", "c/d.html")]
    [InlineData("https://blog.example.org/a/b/", "2024/11/story-1_x~y.html")]
    [InlineData("HTTP://Blog.Example.ORG:80/a/", "x")]
    [InlineData("https://blog.example.org:8443/a/index.html", "x")]
    [InlineData("https://user:pw@blog.example.org/a/", "x")]
    [InlineData("http://[::1]:8080/feeds/", "x.xml")]
    [InlineData("https://xn--bcher-kva.example/a/", "x")]
    [InlineData("https://bücher.example/a/", "x")]
    [InlineData("https://blog.example.org/%7Ea/b", "x")]
    [InlineData("https://blog.example.org/a b/c", "x")]
    [InlineData("https://blog.example.org/a?q=1", "x")]
    [InlineData("https://blog.example.org/a#top", "x")]
    [InlineData("https://blog.example.org/a/", "b/./c")]
    [InlineData("https://blog.example.org/a/", "b/../c")]
    [InlineData("https://blog.example.org/a/", "b/..")]
    [InlineData("https://blog.example.org/a/", "b c")]
    [InlineData("https://blog.example.org/a/", "b%20c")]
    [InlineData("https://blog.example.org/a/", "b?x=1")]
    [InlineData("https://blog.example.org/a/", "b\\c")]
    [InlineData("ftp://files.example.org/a/", "b")]
    public void Resolving_a_relative_link_matches_Uri(string baseUrl, string relative)
    {
        var baseUri = new Uri(baseUrl);
        string expected = new Uri(baseUri, relative).AbsoluteUri;

        Assert.Equal(expected, FeedUrls.Resolve(relative, baseUri));
        if (FeedUrls.BesideBase(relative, baseUri) is { } shortcut)
            Assert.Equal(expected, shortcut);
    }

    [Theory]
    [InlineData("https://blog.example.org/a/b", "c/d.html", true)]
    [InlineData("https://blog.example.org/a?q=1", "x", false)]
    [InlineData("https://blog.example.org/a/", "b/../c", false)]
    [InlineData("https://blog.example.org/a/", "b%20c", false)]
    [InlineData("ftp://files.example.org/a/", "b", false)]
    public void The_shortcut_takes_only_plain_paths(string baseUrl, string relative, bool taken) =>
        Assert.Equal(taken, FeedUrls.BesideBase(relative, new Uri(baseUrl)) is not null);
}
