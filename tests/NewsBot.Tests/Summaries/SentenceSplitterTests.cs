using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("他说：“我们会赢。”随后离开了会场。", "他说：“我们会赢。”|随后离开了会场。")]
    [InlineData("会议结束了！大家都很高兴？当然；没有人反对。", "会议结束了！|大家都很高兴？|当然；|没有人反对。")]
    [InlineData("“如果失败怎么办？谁来负责？”他问道。下一句。", "“如果失败怎么办？谁来负责？”他问道。|下一句。")]
    [InlineData("事情还没有结束……我们还在等待。", "事情还没有结束……|我们还在等待。")]
    [InlineData("「これは本当です。」と彼は言った。次の文。", "「これは本当です。」と彼は言った。|次の文。")]
    [InlineData("Mr. Smith met Dr. Jones on Jan. 5 in Washington. They talked.", "Mr. Smith met Dr. Jones on Jan. 5 in Washington.|They talked.")]
    [InlineData("Growth slowed to 3.5 percent. Prices rose.", "Growth slowed to 3.5 percent.|Prices rose.")]
    [InlineData("J. K. Rowling spoke. The crowd cheered.", "J. K. Rowling spoke.|The crowd cheered.")]
    [InlineData("The U.S. economy grew. The U.S. Senate voted.", "The U.S. economy grew.|The U.S. Senate voted.")]
    [InlineData("Talks with the U.S. The meeting ended.", "Talks with the U.S.|The meeting ended.")]
    [InlineData("\"We will win,\" she said. \"No doubt.\" He left.", "\"We will win,\" she said.|\"No doubt.\"|He left.")]
    [InlineData("Wait... what happened? Nobody knows!", "Wait... what happened?|Nobody knows!")]
    [InlineData("He said it was over... Then it began again.", "He said it was over...|Then it began again.")]
    [InlineData("苹果公司(Apple Inc.)今天发布新品。The event was in California.", "苹果公司(Apple Inc.)今天发布新品。|The event was in California.")]
    [InlineData("First paragraph without a stop\nSecond one.", "First paragraph without a stop|Second one.")]
    public void Splits_at_sentence_ends_only(string text, string expected)
    {
        Assert.Equal(expected.Split('|'), SentenceSplitter.Split(text));
    }
}
