using NewsBot.Feeds.Parsing;

namespace NewsBot.Tests.Feeds;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("<p>Line<br>break</p>", "Line\nbreak")]
    [InlineData("<script>evil()</script><style>p{}</style><p>Kept</p>", "Kept")]
    [InlineData("<figure><img src=a.jpg><figcaption>Caption</figcaption></figure><p>Body</p>", "Body")]
    [InlineData("<p class=\"wp-caption-text\">Caption</p><p>Body</p>", "Body")]
    [InlineData("<p>Photo: Jane Roe/Reuters</p><p>Body</p>", "Body")]
    [InlineData("<p>资料照片：某地</p><p>正文</p>", "正文")]
    [InlineData("<p>WASHINGTON — The lead.</p>", "The lead.")]
    [InlineData("<p>LONDON (Reuters) - The lead.</p>", "The lead.")]
    [InlineData("<p>a &lt; b &amp;&amp; c &gt; d</p>", "a < b && c > d")]
    [InlineData("<p>x <3 y</p>", "x <3 y")]
    [InlineData("<p>Unclosed <b tag", "Unclosed")]
    public void Clean_text(string html, string expected) => Assert.Equal(expected, HtmlText.Extract(html, null).Text);

    [Theory]
    [InlineData("<img src=\"https://feeds.feedburner.com/~r/x/~4/abc\"><img src=\"/real.jpg\">", "https://site.example/real.jpg")]
    [InlineData("<img src=\"https://site.example/p.gif\" width=\"1\" height=\"1\"><img src=\"https://site.example/b.jpg\">", "https://site.example/b.jpg")]
    [InlineData("<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"https://site.example/lazy.jpg\">", "https://site.example/lazy.jpg")]
    [InlineData("<p>no image</p>", null)]
    public void First_meaningful_image(string html, string? expected) =>
        Assert.Equal(expected, HtmlText.Extract(html, new Uri("https://site.example/post/")).Image);

    [Theory]
    [InlineData("https://images.weserv.nl?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=https%3A%2F%2Fexample.com%2Fb.png&w=300", "https://example.com/b.png")]
    [InlineData("https://wsrv.nl/?url=ssl:example.com/c.png", "https://example.com/c.png")]
    [InlineData("https://i0.wp.com/example.com/wp-content/d.jpg?resize=300", "https://example.com/wp-content/d.jpg")]
    [InlineData("https://site.example/_next/image?url=%2Fimg%2Fe.jpg&w=640", "https://site.example/img/e.jpg")]
    [InlineData("https://cdn.example.com/f.jpg?url=x", "https://cdn.example.com/f.jpg?url=x")]
    public void Image_proxies_are_unwrapped(string proxied, string original) => Assert.Equal(original, ImageUrls.Unwrap(proxied));
}
