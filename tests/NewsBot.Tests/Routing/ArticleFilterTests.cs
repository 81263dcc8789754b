using NewsBot.Routing;

namespace NewsBot.Tests.Routing;

public sealed class ArticleFilterTests
{
    // Real-looking headlines and leads, English and Chinese.
    private static readonly Dictionary<string, (string Title, string Text)> Articles = new()
    {
        ["fed"] = ("Fed holds interest rates steady as inflation cools", "The Federal Reserve left its benchmark rate unchanged on Wednesday, citing slower price growth."),
        ["ai-chip"] = ("Nvidia unveils new AI chip for data centres", "The company said the processor doubles training speed for large language models."),
        ["said"] = ("Said Ahmed wins Nairobi marathon", "Kenyan runner Said Ahmed took the title in a course record."),
        ["zh-climate"] = ("联合国气候大会在巴库开幕", "第29届联合国气候变化大会周一开幕，各国代表讨论气候融资问题。"),
        ["zh-ai"] = ("中国发布新一代ＡＩ芯片", "国产人工智能芯片性能提升，业内人士称将加速大模型训练。"),
        ["zh-sport"] = ("中国女排晋级世锦赛四强", "中国队以3比1战胜巴西队，将在半决赛中迎战意大利队。"),
        ["mixed"] = ("Apple 在华推出 iPhone 16 系列", "苹果公司周五在北京发布新款手机，起售价5999元。"),
        ["climate-sport"] = ("Climate protesters disrupt football match", "Activists ran onto the pitch during the climate week protests."),
    };

    public static TheoryData<string, string[]> Cases => new()
    {
        // query → the articles it matches (everything else must not match)
        { "inflation", ["fed"] },
        { "INFLATION", ["fed"] },
        { "ａｉ", ["ai-chip", "zh-ai"] },                 // full-width folds to ASCII, and CJK-adjacent Latin still counts as a word
        { "ai", ["ai-chip", "zh-ai"] },                  // not inside "said" or "chair"
        { "said", ["said", "ai-chip"] },                 // "said" as a word in the title or the text
        { "气候", ["zh-climate"] },                       // CJK substring match
        { "芯片", ["zh-ai"] },
        { "climate -football", [] },
        { "climate", ["climate-sport"] },
        { "\"interest rates\"", ["fed"] },
        { "\"rates interest\"", [] },
        { "chip 中国", [] },                              // every word is required; no article has both
        { "芯片 中国", ["zh-ai"] },
        { "芯片 OR marathon", ["zh-ai", "said"] },
        { "芯片 | marathon", ["zh-ai", "said"] },
        { "中国 -排", ["zh-ai"] },
        { "-中国", ["fed", "ai-chip", "said", "zh-climate", "mixed", "climate-sport"] },
        { "/iphone\\s*1[0-9]/", ["mixed"] },
        { "apple iphone", ["mixed"] },
        { "苹果", ["mixed"] },
        { "-/chip|芯片/", ["fed", "said", "zh-climate", "zh-sport", "mixed", "climate-sport"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_exactly_the_expected_articles(string query, string[] expected)
    {
        Assert.True(ArticleFilter.TryParse(query, out var filter, out var error), error);
        var matched = Articles.Where(a => filter.Matches(a.Value.Title, a.Value.Text)).Select(a => a.Key).Order().ToArray();
        Assert.Equal(expected.Order().ToArray(), matched);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\"unclosed phrase", "never closed")]
    [InlineData("/unclosed", "never closed")]
    [InlineData("/([a-z/", "not a valid regular expression")]
    [InlineData("OR |", "no words")]
    public void Rejects_bad_filters_with_a_clear_reason(string query, string reason)
    {
        Assert.False(ArticleFilter.TryParse(query, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Rejects_overlong_filters()
    {
        Assert.False(ArticleFilter.TryParse(new string('a', ArticleFilter.MaxLength + 1), out _, out var tooLong));
        Assert.Contains("longer than", tooLong, StringComparison.Ordinal);
        Assert.False(ArticleFilter.TryParse(string.Join(' ', Enumerable.Range(0, ArticleFilter.MaxTerms + 1).Select(i => $"w{i}")), out _, out var tooMany));
        Assert.Contains("more than", tooMany, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regex_times_out_as_no_match_instead_of_hanging()
    {
        Assert.True(ArticleFilter.TryParse("/(a+)+$/", out var filter, out _));
        var hostile = new string('a', 50_000) + "!";
        var started = DateTime.UtcNow;
        Assert.False(filter.Matches(hostile, hostile));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
