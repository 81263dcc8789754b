using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class ExtractiveSummarizerTests
{
    private readonly ExtractiveSummarizer _summarizer = new();

    [Fact]
    public void A_short_article_is_its_own_summary()
    {
        Assert.Equal("The bridge reopened on Monday after two years of repairs.",
            _summarizer.Summarize("Bridge reopens", "The bridge reopened on Monday after two years of repairs.", 280));
    }

    [Fact]
    public void The_title_is_not_repeated_as_the_first_sentence()
    {
        const string text = "Bridge reopens after repairs.\nThe Elm Street bridge reopened to traffic on Monday after two years of repairs costing $12 million.";

        Assert.Equal("The Elm Street bridge reopened to traffic on Monday after two years of repairs costing $12 million.",
            _summarizer.Summarize("Bridge reopens after repairs", text, 280));
    }

    [Fact]
    public void An_over_long_lead_is_cut_at_a_clause_boundary_with_an_ellipsis()
    {
        const string text = "国家统计局今天发布数据显示，前三季度国内生产总值同比增长百分之五，其中第三季度增长百分之四点八，消费对经济增长的贡献率超过六成。";

        var summary = _summarizer.Summarize(null, text, 40);

        Assert.Equal("国家统计局今天发布数据显示，前三季度国内生产总值同比增长百分之五…", summary);
    }

    [Fact]
    public void Near_duplicate_sentences_are_not_both_chosen()
    {
        const string text = "The mayor announced a new park on Monday in the city center.\n" +
            "On Monday the mayor announced a new park in the city center.\n" +
            "The park will open next spring and cost about $3 million to build.";

        var summary = _summarizer.Summarize(null, text, 280);

        Assert.Equal("The mayor announced a new park on Monday in the city center. The park will open next spring and cost about $3 million to build.", summary);
    }

    [Fact]
    public void Length_counts_text_elements_not_utf16_units()
    {
        const string text = "🎉🎉🎉 Fans celebrated the victory in the streets for hours. Police closed three roads downtown overnight.";

        var summary = _summarizer.Summarize(null, text, 60);

        Assert.Equal("🎉🎉🎉 Fans celebrated the victory in the streets for hours.", summary);
        Assert.Equal(57, TextLength.Count(summary));
    }

    [Fact]
    public void English_keeps_the_second_lead_sentence_over_a_later_central_one()
    {
        const string text = "The city council approved a new budget on Tuesday that raises spending on schools by 8%.\n" +
            "The budget also adds 120 police officers and cuts the parks department by 3%.\n" +
            "Council members debated the budget for six hours before the vote on the budget.\n" +
            "The budget vote was the council's last budget vote before the budget election.";

        var summary = _summarizer.Summarize("Council passes budget", text, 280);

        Assert.Equal("The city council approved a new budget on Tuesday that raises spending on schools by 8%. " +
            "The budget also adds 120 police officers and cuts the parks department by 3%. " +
            "Council members debated the budget for six hours before the vote on the budget.", summary);
    }

    [Fact]
    public void English_skips_a_lead_sentence_that_does_not_fit_and_takes_the_next_that_does()
    {
        const string text = "Four astronauts returned to Earth on Monday after six months aboard the space station.\n" +
            "The crew, which included astronauts from the United States, Russia and Japan, carried out more than 200 experiments during the mission, among them studies of plant growth.\n" +
            "Their capsule splashed down off the coast of Florida.\n" +
            "They will be flown to Houston for medical checks.";

        var summary = _summarizer.Summarize(null, text, 150);

        Assert.Equal("Four astronauts returned to Earth on Monday after six months aboard the space station. Their capsule splashed down off the coast of Florida.", summary);
    }

    [Fact]
    public void English_summaries_keep_who_says_so_without_the_dateline()
    {
        const string text = "HEMET, Calif. (AP) — A wildfire destroyed at least 40 homes in Riverside County on Sunday, fire officials said on Monday.\n" +
            "The fire had burned 12,000 acres by Monday and was 5% contained, according to the state forestry department.";

        var summary = _summarizer.Summarize(null, text, 280);

        Assert.Equal("A wildfire destroyed at least 40 homes in Riverside County on Sunday, fire officials said. The fire had burned 12,000 acres by Monday and was 5% contained, according to the state forestry department.", summary);
    }

    [Fact]
    public void A_very_long_article_is_summarised_from_its_beginning()
    {
        var text = "The port reopened on Friday after a week-long strike by dock workers ended.\n" +
            string.Concat(Enumerable.Range(1, 20_000).Select(i => $"Paragraph {i} repeats that the port and the strike and the dock workers were in the news.\n"));

        var summary = _summarizer.Summarize("Port reopens", text, 280);

        Assert.StartsWith("The port reopened on Friday after a week-long strike by dock workers ended.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_of_fragments_only_is_still_summarised()
    {
        var text = string.Concat(Enumerable.Range(1, 50_000).Select(i => $"Item {i}.\n"));

        var summary = _summarizer.Summarize(null, text, 40);

        Assert.StartsWith("Item 1.", summary, StringComparison.Ordinal);
        Assert.InRange(TextLength.Count(summary), 1, 40);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("<div></div>")]
    public void Nothing_to_summarise_gives_an_empty_summary(string text)
    {
        Assert.Equal("", _summarizer.Summarize("Title", text, 280));
    }

    [Theory]
    [InlineData("分析人士称，平壤承诺将士兵的生命投入到俄罗斯对乌克兰的战争努力中。", "zh")]
    [InlineData("The Federal Reserve left its benchmark interest rate unchanged on Wednesday.", "en")]
    [InlineData("日本銀行は19日、マイナス金利政策を解除すると発表した。", "other")]
    [InlineData("Die Zentralbank hat den Leitzins am Mittwoch unverändert gelassen.", "other")]
    [InlineData("한국은행은 기준금리를 동결했다.", "other")]
    [InlineData("", "other")]
    public void Language_is_detected(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }
}
