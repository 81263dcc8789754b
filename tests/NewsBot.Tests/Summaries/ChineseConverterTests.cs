using NewsBot.Summaries.Chinese;

namespace NewsBot.Tests.Summaries;

public sealed class ChineseConverterTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static TheoryData<string> ChineseArticles() =>
        new(Directory.GetFiles(Path.Combine(Folder, "summaries"), "zh-*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ChineseArticles))]
    public void Conversions_match_OpenCC_itself_on_whole_articles(string name)
    {
        var simplified = File.ReadAllText(Path.Combine(Folder, "summaries", name + ".txt"));
        var traditional = File.ReadAllText(Path.Combine(Folder, "opencc", name + ".s2t.txt"));

        Assert.Equal(traditional, ChineseConverter.ToTraditional.Convert(simplified));
        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "opencc", name + ".s2tw.txt")), ChineseConverter.ToTaiwan.Convert(simplified));
        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "opencc", name + ".t2s.txt")), ChineseConverter.ToSimplified.Convert(traditional));
    }

    [Theory]
    [InlineData("头发", "頭髮")] // the phrase, not the characters (发 alone is 發)
    [InlineData("理发师", "理髮師")]
    [InlineData("干部", "幹部")]
    [InlineData("干净", "乾淨")]
    [InlineData("皇后", "皇后")] // 后 alone becomes 後
    [InlineData("后来", "後來")]
    [InlineData("一只手表", "一隻手錶")]
    [InlineData("里程碑", "里程碑")]
    [InlineData("国务院常务会议9日召开，部署进一步稳外贸措施。", "國務院常務會議9日召開，部署進一步穩外貿措施。")]
    [InlineData("C919 and Airbus A320", "C919 and Airbus A320")]
    [InlineData("", "")]
    public void Phrases_win_over_characters(string simplified, string traditional)
        => Assert.Equal(traditional, ChineseConverter.ToTraditional.Convert(simplified));

    [Theory]
    [InlineData("zh-Hant", "國產")]
    [InlineData("zh-HK", "國產")]
    [InlineData("zh-TW", "國產")]
    [InlineData("zh-Hans", "国产")]
    public void Channel_languages_pick_the_script(string language, string expected)
        => Assert.Equal(expected, ChineseConverter.ForLanguage(language)!.Convert("国产"));

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    [InlineData(null)]
    public void Other_languages_convert_nothing(string? language) => Assert.Null(ChineseConverter.ForLanguage(language));
}
