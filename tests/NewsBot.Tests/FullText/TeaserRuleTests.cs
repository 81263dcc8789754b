using NewsBot.Feeds.FullText;

namespace NewsBot.Tests.FullText;

public sealed class TeaserRuleTests
{
    private static readonly string Long = string.Join(' ', Enumerable.Repeat("The council voted on the budget after a long debate about schools.", 8));

    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("One sentence about the story.", true)]
    [InlineData("国务院常务会议9日召开，部署进一步稳外贸措施。", true)]
    public void Short_text_is_a_teaser(string text, bool teaser) => Assert.Equal(teaser, TeaserRule.IsTeaser(text, 400));

    [Theory]
    [InlineData("…")]
    [InlineData("...")]
    [InlineData(" [&#8230;]")]
    [InlineData(" […]")]
    [InlineData("\nRead more")]
    [InlineData("\nRead more »")]
    [InlineData("\n[Continue reading]")]
    [InlineData("\n阅读全文>>")]
    [InlineData("\n【查看全文】")]
    public void Long_text_cut_off_or_ending_in_read_more_is_a_teaser(string ending)
    {
        var text = Long + ending.Replace("&#8230;", "…", StringComparison.Ordinal);
        Assert.True(TeaserRule.IsTeaser(text, 400), text);
    }

    [Theory]
    [InlineData("\nRead more: How to prepare a wildfire go-bag before the next evacuation order")]
    [InlineData(" The end.")]
    [InlineData("\nPhoto: AP")]
    public void Long_text_that_ends_normally_is_the_article(string ending)
        => Assert.False(TeaserRule.IsTeaser(Long + ending, 400));

    [Fact]
    public void The_threshold_is_the_setting()
    {
        Assert.False(TeaserRule.IsTeaser("A complete brief of forty characters or so.", 20));
        Assert.True(TeaserRule.IsTeaser(Long, 10_000));
    }

    [Theory]
    [InlineData("auto", FullTextMode.Auto)]
    [InlineData("ALWAYS", FullTextMode.Always)]
    [InlineData(" never ", FullTextMode.Never)]
    [InlineData("on", FullTextMode.Always)]
    public void Modes_parse(string value, FullTextMode expected)
    {
        Assert.True(FullTextModes.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_modes_are_refused(string? value) => Assert.False(FullTextModes.TryParse(value, out _));
}
