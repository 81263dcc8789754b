using System.Text;

namespace NewsBot.Benchmarks.Summaries;

/// <summary>The ~5 KB English and Chinese articles the summary benchmarks share.</summary>
internal static class BenchmarkArticles
{
    public const string EnglishTitle = "Fed holds rates steady";
    public const string ChineseTitle = "长江流域遭遇持续强降雨";

    private const int TargetBytes = 5 * 1024;

    private const string EnglishParagraphs = """
        WASHINGTON (AP) — The Federal Reserve left its benchmark interest rate unchanged on Wednesday, and policymakers signaled they still expect to cut rates three times this year.
        In a statement after its two-day meeting, the Fed said inflation "has eased over the past year but remains elevated" above its 2% target.
        Fed Chair Jerome Powell told reporters the central bank needed "greater confidence" that inflation was moving sustainably lower before reducing borrowing costs.
        Updated projections showed officials expect the U.S. economy to grow 2.1% this year, up from 1.4% in their December forecast, while unemployment stays near 4%.
        Stocks rose after the announcement, with the S&P 500 closing up 0.9% at a record high, and Treasury yields fell.
        Economists said the first cut could come as early as June if price pressures continue to cool, though some warned that strong hiring might delay it.
        """;

    private const string ChineseParagraphs = """
        资料照片：长江汉口段水位持续上涨。
        新华社武汉7月9日电 入汛以来，长江中下游地区连续一周出现强降雨，湖北、安徽、江西等地多条河流水位超过警戒线。
        截至9日上午，三省已相继启动防汛四级以上应急响应，累计转移安置群众4.2万人。
        湖北省水利厅表示，长江汉口站水位9日8时达到27.6米，超警戒水位0.3米，预计未来两天还将继续上涨。
        安徽省已派出12个工作组赶赴沿江市县，督促检查堤防巡查和险情处置工作。“我们要确保每一段堤防都有人守。”一名干部说。
        中央气象台预计，未来三天长江中下游仍有大到暴雨，局地大暴雨，防汛形势依然严峻。
        """;

    public static string English { get; } = Grow(EnglishParagraphs);

    public static string Chinese { get; } = Grow(ChineseParagraphs);

    // Repeats the paragraphs (numbered so they are not exact duplicates) until the UTF-8 size reaches 5 KB.
    private static string Grow(string paragraphs)
    {
        var builder = new StringBuilder();
        var round = 0;
        while (Encoding.UTF8.GetByteCount(builder.ToString()) < TargetBytes)
        {
            round++;
            foreach (var line in paragraphs.Split('\n'))
            {
                builder.Append(round == 1 ? line : line.Replace("。", $"（{round}）。", StringComparison.Ordinal).Replace(". ", $" ({round}). ", StringComparison.Ordinal)).Append('\n');
            }
        }

        return builder.ToString();
    }
}
