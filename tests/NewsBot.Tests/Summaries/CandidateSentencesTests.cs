using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class CandidateSentencesTests
{
    public static TheoryData<string, string?> Articles() => new()
    {
        {
            "长江流域遭遇持续强降雨。入汛以来，长江中下游地区连续一周出现强降雨，多条河流水位超过警戒线。截至9日上午，三省已相继启动防汛应急响应。湖北省水利厅表示，汉口站水位预计未来两天还将继续上涨。安徽省已派出工作组赶赴沿江市县督促检查堤防巡查。\n" +
            "好的。中央气象台预计，未来三天长江中下游仍有大到暴雨，防汛形势依然严峻。专家提醒沿江群众注意防范山洪和地质灾害风险。",
            "长江流域遭遇持续强降雨"
        },
        {
            "他说。\n她问道。\n好。\n入汛以来，长江中下游地区连续一周出现强降雨，多条河流水位超过警戒线。截至9日上午，三省已相继启动防汛应急响应。湖北省水利厅表示，汉口站水位预计未来两天还将继续上涨。安徽省已派出工作组赶赴沿江市县督促检查堤防巡查。",
            null
        },
        {
            "The storm reached the coast late on Sunday with winds of 120 miles per hour. Thousands of homes lost power across three counties. " +
            "Officials said. Schools will stay closed on Monday and Tuesday while crews clear the roads.\nThe governor declared a state of emergency for the whole region on Sunday night.",
            "Storm reaches coast"
        },
    };

    [Theory]
    [MemberData(nameof(Articles))]
    public void Reading_on_from_the_first_sentences_gives_what_reading_at_once_does(string text, string? title)
    {
        var titleTokens = title is null ? [] : SentenceTokens.Of(title);
        var atOnce = CandidateSentences.Read(text, title, titleTokens, 30);

        var inSteps = CandidateSentences.Read(text, title, titleTokens, 3);
        Assert.True(inSteps.Count <= 3);
        inSteps.ReadUpTo(30);

        Assert.Equal(Sentences(atOnce), Sentences(inSteps));
        Assert.True(atOnce.Count > 3);
        Assert.All(Enumerable.Range(0, atOnce.Count), i => Assert.Equal(atOnce.Tokens(i).ToArray(), inSteps.Tokens(i).ToArray()));
    }

    private static string[] Sentences(CandidateSentences article) => [.. Enumerable.Range(0, article.Count).Select(i => article.Text(i).ToString())];
}
