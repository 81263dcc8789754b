using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class SentenceCompressorTests
{
    [Theory]
    [InlineData("The canal will cut daily crossings to 24 from 32 next month, the canal authority said on Tuesday.",
        "The canal will cut daily crossings to 24 from 32 next month, the canal authority said.")]
    [InlineData("Anker is recalling 1.2 million chargers, the U.S. Consumer Product Safety Commission said on Thursday.",
        "Anker is recalling 1.2 million chargers, the U.S. Consumer Product Safety Commission said.")]
    [InlineData("The ministry will raise the pension age to 65 by 2030, the labour minister announced in a statement.",
        "The ministry will raise the pension age to 65 by 2030, the labour minister announced.")]
    [InlineData("The Consumer Product Safety Commission (CPSC) said the chargers can overheat and catch fire.",
        "The Consumer Product Safety Commission said the chargers can overheat and catch fire.")]
    public void Drops_the_day_after_an_attribution_and_spelled_out_acronyms(string sentence, string expected)
    {
        Assert.Equal(expected, SentenceCompressor.Compress(sentence.AsMemory()).ToString());
    }

    [Theory]
    [InlineData("A wildfire destroyed at least 40 homes in Riverside County on Sunday, fire officials said.")]
    [InlineData("Minimum wages rose in 22 states on Monday, according to the Economic Policy Institute.")]
    [InlineData("Russian forces struck a power plant in Kharkiv overnight, Ukraine's energy ministry said.")]
    public void Keeps_who_says_so(string sentence)
    {
        Assert.Equal(sentence, SentenceCompressor.Compress(sentence.AsMemory()).ToString());
    }

    [Theory]
    [InlineData("\"This fire is moving faster than anything we have seen,\" Battalion Chief Maria Lopez said.")]
    [InlineData("The mayor called the plan \"a disaster for small shops,\" her spokesman said.")]
    [InlineData("It rained, officials said.")]
    [InlineData("Is the bridge safe enough to reopen next week, engineers asked on Monday?")]
    [InlineData("委员会表示，该计划将在明年实施，官员们说。")]
    [InlineData("The storm weakened overnight as it moved north toward the coast.")]
    [InlineData("The council voted 9-2 on Thursday, the city's mayor said in an interview with local radio stations.")]
    public void Leaves_quotations_cjk_short_and_plain_sentences_alone(string sentence)
    {
        Assert.Equal(sentence, SentenceCompressor.Compress(sentence.AsMemory()).ToString());
    }
}
