using NewsBot.Summaries;

namespace NewsBot.Tests.Summaries;

public class RougeTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Identical_texts_score_one()
    {
        const string text = "The cat sat on the mat.";

        Assert.Equal(1.0, Rouge.Rouge1(text, text).F1, Tolerance);
        Assert.Equal(1.0, Rouge.Rouge2(text, text).F1, Tolerance);
        Assert.Equal(1.0, Rouge.RougeL(text, text).F1, Tolerance);
    }

    [Fact]
    public void Disjoint_texts_score_zero()
    {
        Assert.Equal(0.0, Rouge.Rouge1("alpha beta", "gamma delta").F1);
        Assert.Equal(0.0, Rouge.RougeL("", "gamma delta").F1);
    }

    [Fact]
    public void English_rouge1_clips_counts_and_ignores_case_and_punctuation()
    {
        // candidate: the, the, cat (3) — reference: The, cat, sat (3); clipped overlap: the×1 + cat = 2.
        var score = Rouge.Rouge1("the the cat", "The cat, sat!");

        Assert.Equal(2.0 / 3, score.Precision, Tolerance);
        Assert.Equal(2.0 / 3, score.Recall, Tolerance);
        Assert.Equal(2.0 / 3, score.F1, Tolerance);
    }

    [Fact]
    public void English_rouge2_counts_shared_bigrams()
    {
        // candidate bigrams: police arrested | arrested two | two men (3)
        // reference bigrams: police arrested | arrested two | two suspects | suspects today (4); overlap 2.
        var score = Rouge.Rouge2("Police arrested two men", "police arrested two suspects today");

        Assert.Equal(2.0 / 3, score.Precision, Tolerance);
        Assert.Equal(2.0 / 4, score.Recall, Tolerance);
        Assert.Equal(2 * (2.0 / 3) * 0.5 / ((2.0 / 3) + 0.5), score.F1, Tolerance);
    }

    [Fact]
    public void English_rougeL_uses_the_longest_common_subsequence()
    {
        // candidate: a b c d e (5); reference: a x c y e z (6); LCS = a c e (3).
        var score = Rouge.RougeL("a b c d e", "a x c y e z");

        Assert.Equal(3.0 / 5, score.Precision, Tolerance);
        Assert.Equal(3.0 / 6, score.Recall, Tolerance);
        Assert.Equal(2 * 0.6 * 0.5 / 1.1, score.F1, Tolerance);
    }

    [Fact]
    public void Chinese_is_compared_character_by_character()
    {
        // candidate: 朝 鲜 派 兵 (4); reference: 朝 鲜 向 俄 派 兵 (6).
        // ROUGE-1 overlap 4; ROUGE-2: 朝鲜 派兵 shared of {朝鲜, 鲜派, 派兵} vs 5 → 2; LCS 4.
        const string candidate = "朝鲜派兵。";
        const string reference = "朝鲜向俄派兵";

        Assert.Equal(2 * 1.0 * (4.0 / 6) / (1 + (4.0 / 6)), Rouge.Rouge1(candidate, reference).F1, Tolerance);
        var rouge2 = Rouge.Rouge2(candidate, reference);
        Assert.Equal(2.0 / 3, rouge2.Precision, Tolerance);
        Assert.Equal(2.0 / 5, rouge2.Recall, Tolerance);
        Assert.Equal(4.0 / 6, Rouge.RougeL(candidate, reference).Recall, Tolerance);
    }

    [Fact]
    public void Mixed_text_tokenizes_cjk_characters_and_latin_words()
    {
        Assert.Equal(["美", "国", "nasa", "发", "射", "3", "5", "吨"], Rouge.Tokenize("美国NASA发射3.5吨"));
    }
}
