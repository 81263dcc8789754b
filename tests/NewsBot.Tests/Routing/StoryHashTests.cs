using NewsBot.Routing;

namespace NewsBot.Tests.Routing;

public sealed class StoryHashTests
{
    private const string BakuTitle = "UN climate talks open in Baku as nations seek finance deal";
    private const string BakuLead = "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit, where negotiators aim to agree a new climate finance goal for developing nations.";

    public static TheoryData<string, string, string, string, bool> Pairs => new()
    {
        // Wire copy lightly edited by each outlet: the same story.
        { BakuTitle, BakuLead, "UN climate talks open in Baku as nations seek finance deal - Reuters", "Delegates from nearly 200 countries gathered in Baku, Azerbaijan on Monday for the UN climate summit, where negotiators aim to agree a new climate finance goal for developing nations.", true },
        { BakuTitle, BakuLead, "UN Climate Talks Open in Baku as Nations Seek Finance Deal", "Delegates from nearly 200 countries gathered in Baku on Monday for the UN climate summit where negotiators aim to agree a new climate finance goal for developing nations", true },
        { "联合国气候大会在巴库开幕，各国寻求气候融资协议", "近200个国家的代表周一齐聚阿塞拜疆巴库，出席联合国气候峰会，谈判代表希望为发展中国家商定新的气候融资目标。",
          "联合国气候大会在巴库开幕 各国寻求气候融资协议", "近200个国家的代表周一齐聚巴库，出席联合国气候峰会，谈判代表希望为发展中国家商定新的气候融资目标。", true },
        // Different stories, even on the same subject or from the same place.
        { BakuTitle, BakuLead, "Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday, citing slower price growth and a cooling labour market.", false },
        { BakuTitle, BakuLead, "Protesters in Baku demand climate justice outside summit venue", "Hundreds of activists marched in Baku on Saturday, calling on rich nations to pay for the damage caused by rising temperatures.", false },
        { "联合国气候大会在巴库开幕，各国寻求气候融资协议", "近200个国家的代表周一齐聚阿塞拜疆巴库，出席联合国气候峰会，谈判代表希望为发展中国家商定新的气候融资目标。",
          "中国女排晋级世锦赛四强", "中国队以3比1战胜巴西队，将在半决赛中迎战意大利队，比赛将于周六举行。", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Same_story_is_close_and_different_stories_are_far(string titleA, string leadA, string titleB, string leadB, bool same)
    {
        var a = StoryKey.Of(titleA, leadA);
        var b = StoryKey.Of(titleB, leadB);
        Assert.NotNull(a.Hash);
        Assert.NotNull(b.Hash);
        Assert.True(same == a.SameStory(b), $"distance {StoryHash.Distance(a.Hash!.Value, b.Hash!.Value)}, similarity {a.Similarity(b):F2}");
        Assert.Equal(same, b.SameStory(a));
    }

    [Fact]
    public void Is_stable_across_runs_and_skips_text_too_short_to_judge()
    {
        Assert.Equal(StoryHash.Of(BakuTitle, BakuLead), StoryHash.Of(BakuTitle, BakuLead));
        Assert.Null(StoryHash.Of("Live", null));
        Assert.False(StoryHash.SameStory(null, StoryHash.Of(BakuTitle, BakuLead)));
    }
}
