using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class TextCleanerTests
{
    [Theory]
    [InlineData("资料照片：普京和金正恩合影。(2024年6月19日)\n华盛顿 — 分析人士称，局势紧张。", "分析人士称，局势紧张。")]
    [InlineData("资料照片：普京和金正恩合影。(2024年6月19日)华盛顿 — 分析人士称，局势紧张。", "分析人士称，局势紧张。")]
    [InlineData("WASHINGTON (AP) — The Senate passed the bill on Friday.", "The Senate passed the bill on Friday.")]
    [InlineData("NEW YORK, Jan. 5 (Reuters) - Stocks rose sharply on Monday.", "Stocks rose sharply on Monday.")]
    [InlineData("Washington (AP) — The Senate passed the bill.", "The Senate passed the bill.")]
    [InlineData("新华社北京11月4日电（记者张三）国务院今天召开常务会议。", "国务院今天召开常务会议。")]
    [InlineData("【环球时报报道】日本政府今天宣布新措施。", "日本政府今天宣布新措施。")]
    [InlineData("Photo: Firefighters at work. (AP Photo/Jane Doe)\nThe fire spread quickly overnight.", "The fire spread quickly overnight.")]
    [InlineData("File photo\nBy John Smith and Ann Lee\nThe council met on Tuesday.", "The council met on Tuesday.")]
    [InlineData("图为抢险现场。（新华社记者 王辉 摄）\n抢险工作正在进行。", "抢险工作正在进行。")]
    [InlineData("The river rose overnight.\nRead more: flood safety tips\n原文链接：https://example.com\nShare this article", "The river rose overnight.")]
    [InlineData("长期承诺\n朝鲜可能已经踏上不归路。", "朝鲜可能已经踏上不归路。")]
    [InlineData("<p>Prices &amp; wages rose.</p>", "Prices & wages rose.")]
    [InlineData("By then the storm had passed.", "By then the storm had passed.")]
    [InlineData("记者会将于明天举行。", "记者会将于明天举行。")]
    [InlineData("The S&P 500 rose 0.9% & the Nasdaq rose 1.2%.", "The S&P 500 rose 0.9% & the Nasdaq rose 1.2%.")]
    [InlineData("Prices&amp;nbsp;rose &#x41;&#66; today.", "Prices rose AB today.")]
    [InlineData("  Stocks\t rose\u00A0 sharply \u200B on Monday.  \r\n\u200B\n\t\n", "Stocks rose sharply on Monday.")]
    [InlineData("The ship left port. (AP Photo/Jane Doe) It sailed north.", "The ship left port. It sailed north.")]
    public void Keeps_the_news_and_drops_the_rest(string text, string expected)
    {
        Assert.Equal(expected, string.Join('\n', TextCleaner.Paragraphs(text)));
    }
}
