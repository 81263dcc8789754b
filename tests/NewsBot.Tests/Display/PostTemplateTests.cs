using NewsBot.Delivery;
using NewsBot.Display;
using NewsBot.Telegram;

namespace NewsBot.Tests.Display;

public sealed class PostTemplateTests
{
    private static Post Article(string? author = "Jane Roe", string summary = "Rates rose again.", string[]? categories = null) =>
        new("Central bank raises rates", "https://news.example.com/a/1", summary, "Example News", "https://news.example.com/",
            new DateTime(2026, 12, 4, 1, 30, 0, DateTimeKind.Utc), null, "en", [])
        {
            Author = author,
            Text = "The central bank raised its main rate by a quarter point on Friday, the third rise this year.",
            Categories = categories ?? ["Economy", "Central banks", "利率"],
        };

    private static string Render(string template, Post post, string zone = "UTC")
    {
        Assert.True(PostTemplate.TryParse(template, out var t, out var error), error);
        return TemplateRender.Plain(TemplateRender.Render(t!, post.Values(TelegramRender.Zone(zone)), int.MaxValue, int.MaxValue));
    }

    [Theory]
    [InlineData("{title} {bogus}", "position 10: unknown placeholder 'bogus'")]
    [InlineData("{title", "position 1: '{' is not closed")]
    [InlineData("Title: {title}\n}", "position 16: '}' without an opening '{'")]
    [InlineData("{summary:abc}", "position 10: 'abc' is not a length")]
    [InlineData("{summary:0}", "position 10: '0' is not a length")]
    [InlineData("{summary:99999}", "is not a length")]
    [InlineData("{link:20}", "{link} takes no argument")]
    [InlineData("{date:}", "the date format is empty")]
    [InlineData("just words", "use at least one placeholder")]
    [InlineData("   ", "the template is empty")]
    [InlineData("{title}{{", null)]
    public void A_bad_template_is_refused_with_the_position_of_the_mistake(string template, string? expected)
    {
        var ok = PostTemplate.TryParse(template, out _, out var error);
        if (expected is null)
        {
            Assert.True(ok, error);
            return;
        }
        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_longer_than_the_limit_or_with_too_many_placeholders_is_refused()
    {
        Assert.False(PostTemplate.TryParse("{title}" + new string('x', PostTemplate.MaxLength), out _, out var tooLong));
        Assert.Contains("at most 1000", tooLong, StringComparison.Ordinal);
        Assert.False(PostTemplate.TryParse(string.Concat(Enumerable.Repeat("{title}", PostTemplate.MaxFields + 1)), out _, out var tooMany));
        Assert.Contains("more than 30 placeholders", tooMany, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_show_the_article_with_caps_date_formats_in_the_channel_zone_and_hashtags()
    {
        var text = Render("{title}\nBy {author} · {date:yyyy年M月d日 HH:mm}\n{categories}\n{text:30}\n{link}\n{{literal}}", Article(), "Asia/Shanghai");
        Assert.Equal(
            "Central bank raises rates\nBy Jane Roe · 2026年12月4日 09:30\n#Economy #Central_banks #利率\nThe central bank raised its m…\nhttps://news.example.com/a/1\n{literal}",
            text);
        Assert.Equal("Central bank raises rates · 2026-12-04 01:30 UTC", Render("{title} · {date}", Article()));
    }

    [Fact]
    public void A_line_whose_values_are_all_missing_is_left_out_so_no_label_dangles()
    {
        var post = Article(author: null, summary: "", categories: []);
        Assert.Equal("Central bank raises rates\n\n📰 Example News", Render("{title}\n\nBy {author}\n\n{summary}\n\nTags: {categories}\n\n📰 {source}", post));
        // A line of literals only stays: it is the admin's own text.
        Assert.Equal("— NewsBot —\nCentral bank raises rates", Render("— NewsBot —\n{title}\nBy {author}", post));
    }

    [Fact]
    public void Built_in_styles_are_templates_and_the_custom_title_and_summary_length_apply()
    {
        var post = Article() with { Display = new DisplaySettings { Title = "Markets desk", SummaryLength = 25 }, Summary = "Rates rose again, the third time this year." };
        Assert.Equal("Central bank raises rates\n📰 Markets desk", Render("compact", post));
        Assert.Equal("Central bank raises rates", Render("title-only", post));
        Assert.Equal("Central bank raises rates\n\nRates rose again, the th…\n\n📰 Markets desk · 2026-12-04 01:30 UTC", Render("full", post));
    }

    [Fact]
    public void Merged_sources_follow_the_source_name()
    {
        var post = Article() with { AlsoIn = ["Wire A", "Wire B"] };
        Assert.Equal("📰 Example News + Wire A, Wire B", Render("📰 {source}", post));
    }

    [Fact]
    public void Stored_settings_round_trip_and_an_unreadable_value_means_no_choices()
    {
        var settings = new DisplaySettings
        {
            Format = "{title}\n{summary:200}",
            Media = MediaMode.Only,
            Silent = true,
            Mentions = [new MentionRule(["123"], ["456"], "earthquake")],
        };
        Assert.Equal(settings.ToJson(), DisplaySettings.FromJson(settings.ToJson()).ToJson());
        Assert.Null(DisplaySettings.None.ToJson());
        Assert.Same(DisplaySettings.None, DisplaySettings.FromJson("{not json"));
        var merged = new DisplaySettings { Media = MediaMode.Off }.Over(settings);
        Assert.Equal(MediaMode.Off, merged.Media);
        Assert.True(merged.Silent);
        Assert.Equal("{title}\n{summary:200}", merged.Format);
    }

    [Fact]
    public void Options_are_checked_before_anything_is_stored()
    {
        var none = DisplaySettings.None;
        Assert.False(DisplayOptions.TryApply(none, "format", "{title} {nope}", null, out _, out var bad));
        Assert.Contains("position 10", bad, StringComparison.Ordinal);
        Assert.True(DisplayOptions.TryApply(none, "format", @"{title}\n{summary}", null, out var twoLines, out _));
        Assert.Equal("{title}\n{summary}", twoLines.Format);
        Assert.False(DisplayOptions.TryApply(none, "media", "sometimes", null, out _, out _));
        Assert.False(DisplayOptions.TryApply(none, "summary", "5", null, out _, out var shortSummary));
        Assert.Contains("from 20 to 4000", shortSummary, StringComparison.Ordinal);
        Assert.False(DisplayOptions.TryApply(none, "mention", "@everyone breaking", null, out _, out var everyone));
        Assert.Contains("never pings @everyone", everyone, StringComparison.Ordinal);
        Assert.False(DisplayOptions.TryApply(none, "mention", "<@&1> /[unclosed/", null, out _, out var badFilter));
        Assert.Contains("filter is not valid", badFilter, StringComparison.Ordinal);
        Assert.True(DisplayOptions.TryApply(none, "mention", "<@&111> <@!222> <@333> earthquake -drill", null, out var pinged, out _));
        var rule = Assert.Single(pinged.Mentions!);
        Assert.Equal(["111"], rule.Roles);
        Assert.Equal(["222", "333"], rule.Users);
        Assert.Equal("earthquake -drill", rule.Filter);
        Assert.False(DisplayOptions.TryApply(none, "tags", "Breaking", null, out _, out var notForum));
        Assert.Contains("not one", notForum, StringComparison.Ordinal);
        Assert.False(DisplayOptions.TryApply(none, "tags", "Sport", [("9", "Breaking")], out _, out var unknownTag));
        Assert.Contains("its tags: Breaking", unknownTag, StringComparison.Ordinal);
        Assert.True(DisplayOptions.TryApply(pinged, "mention", "reset", null, out var cleared, out _));
        Assert.Null(cleared.Mentions);
        Assert.True(DisplayOptions.TryApply(none, "title", "Desk", null, out var titled, out _));
        Assert.True(DisplayOptions.TryApply(titled, "title", "CLEAR", null, out var untitled, out _));
        Assert.Null(untitled.Title);
    }

    [Fact]
    public void Mention_and_tag_rules_stop_at_the_limit_and_say_how_to_clear_them()
    {
        IReadOnlyList<(string Id, string Name)> forum = [("9", "Breaking")];
        var settings = DisplaySettings.None;
        for (var i = 0; i < DisplaySettings.MaxRules; i++)
        {
            Assert.True(DisplayOptions.TryApply(settings, "mention", $"<@&{i + 1}> word{i}", null, out settings, out _));
            Assert.True(DisplayOptions.TryApply(settings, "tags", $"Breaking word{i}", forum, out settings, out _));
        }
        Assert.False(DisplayOptions.TryApply(settings, "mention", "<@&99> one more", null, out _, out var mentions));
        Assert.Equal($"at most {DisplaySettings.MaxRules} mention rules; `mention reset` clears them", mentions);
        Assert.False(DisplayOptions.TryApply(settings, "tags", "Breaking one more", forum, out _, out var tags));
        Assert.Equal($"at most {DisplaySettings.MaxRules} tag rules; `tags reset` clears them", tags);
        // A bad filter is named first, even at the limit.
        Assert.False(DisplayOptions.TryApply(settings, "tags", "Breaking /[/", forum, out _, out var filter));
        Assert.StartsWith("the filter is not valid", filter, StringComparison.Ordinal);
    }
}
