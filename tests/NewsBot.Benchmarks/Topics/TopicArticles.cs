using System.Globalization;
using System.Text;

namespace NewsBot.Benchmarks.Topics;

/// <summary>One generated article: <see cref="Story"/> is shared by re-runs of the same story on other outlets.</summary>
public sealed record BenchArticle(int Story, string Title, string Text);

/// <summary>
/// A few thousand zh/en articles generated from word pools with a fixed seed: varied stories, outlet footers and
/// disclaimers, and about one in eight a re-run of an earlier story with its own headline tag and a changed sentence.
/// </summary>
public static class TopicArticles
{
    private static readonly string[] EnSubjects = ["The central bank", "Toyota", "The European Union", "Chinese regulators", "Shipping firms", "Apple", "Striking dock workers", "The World Health Organization", "Wildfire crews", "Oil producers", "Chipmakers", "The city council", "Airline pilots", "Climate negotiators", "Lithium miners", "Football clubs"];
    private static readonly string[] EnVerbs = ["cut", "raised", "announced", "rejected", "approved", "delayed", "expanded", "suspended", "reviewed", "confirmed"];
    private static readonly string[] EnObjects = ["interest rates", "a recall of airbag sensors", "tariffs on electric cars", "new lending rules", "freight prices", "a new chip factory", "a wage agreement", "guidance on a bird flu outbreak", "evacuation orders", "output quotas", "export controls", "a ban on street vendors", "a pension reform", "a climate finance goal", "mine permits", "stadium plans"];
    private static readonly string[] EnPlaces = ["in Tokyo", "in Brussels", "in Beijing", "in Singapore", "in Frankfurt", "in Geneva", "in Santiago", "in London", "in Baku", "in Chicago"];
    private static readonly string[] EnFooters = ["Reporting by Lisa Chang; Editing by Mark Heinrich", "Subscribe to our newsletter for the day's top stories.", "The post appeared first on Daily Markets Digest.", "© 2026 Example News. All rights reserved."];

    private static readonly string[] ZhSubjects = ["央行", "国务院", "证监会", "海关总署", "国家统计局", "宁德时代", "比亚迪", "中国女排", "气象台", "交通运输部", "工信部", "上海市政府", "深圳证券交易所", "国家能源局", "外汇局", "商务部"];
    private static readonly string[] ZhVerbs = ["宣布", "发布", "批准", "暂停", "启动", "扩大", "下调", "上调", "审议", "公布"];
    private static readonly string[] ZhObjects = ["存款准备金率", "新能源汽车出口数据", "防汛应急响应", "芯片产业扶持政策", "科创板上市申请", "光伏组件出口统计", "港口集装箱吞吐量", "人民币汇率中间价", "稳增长一揽子措施", "城市更新试点方案", "锂电池安全标准", "消费品以旧换新补贴", "世锦赛参赛名单", "台风预警信号", "数据中心能耗标准", "跨境电商监管办法"];
    private static readonly string[] ZhFooters = ["免责声明：本文内容仅供参考，不构成投资建议，据此操作，风险自担。", "（责任编辑：王晓明）", "本文来源：财经日报网，点击关注第一时间了解最新资讯。"];

    public static List<BenchArticle> Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var articles = new List<BenchArticle>(count);
        while (articles.Count < count)
        {
            if (articles.Count > 20 && random.Next(8) == 0)
            {
                articles.Add(Rerun(articles[random.Next(articles.Count)], random));
                continue;
            }
            var story = articles.Count;
            articles.Add(random.Next(2) == 0 ? English(story, random) : Chinese(story, random));
        }
        return articles;
    }

    private static BenchArticle English(int story, Random r)
    {
        var subject = Pick(EnSubjects, r);
        var verb = Pick(EnVerbs, r);
        var obj = Pick(EnObjects, r);
        var place = Pick(EnPlaces, r);
        var n = r.Next(2, 900);
        var title = $"{subject} {verb} {obj} {place}, affecting {n} firms";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{place[3..].ToUpperInvariant()} - {subject} {verb} {obj} on {Day(r)}, a move that affects about {n} companies and {r.Next(10, 99)}% of the market, officials said.\n");
        for (var k = 0; k < 4; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Pick(EnSubjects, r)} {Pick(EnVerbs, r)} {Pick(EnObjects, r)} {Pick(EnPlaces, r)} last {Day(r)}, with {r.Next(1, 500)} million dollars at stake. ");
        }
        sb.Append('\n').Append(Pick(EnFooters, r));
        return new BenchArticle(story, title, sb.ToString());
    }

    private static BenchArticle Chinese(int story, Random r)
    {
        var subject = Pick(ZhSubjects, r);
        var verb = Pick(ZhVerbs, r);
        var obj = Pick(ZhObjects, r);
        var n = r.Next(2, 900);
        var title = $"{subject}{verb}{obj} 涉及{n}家企业";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{r.Next(1, 13)}月{r.Next(1, 29)}日，{subject}{verb}{obj}，涉及约{n}家企业，占市场份额{r.Next(10, 99)}%。\n");
        for (var k = 0; k < 4; k++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"与此同时，{Pick(ZhSubjects, r)}{Pick(ZhVerbs, r)}{Pick(ZhObjects, r)}，涉及资金{r.Next(1, 500)}亿元。");
        }
        sb.Append('\n').Append(Pick(ZhFooters, r));
        return new BenchArticle(story, title, sb.ToString());
    }

    /// <summary>The same facts from another outlet: a tag on the headline, the last sentence dropped, another footer.</summary>
    private static BenchArticle Rerun(BenchArticle original, Random r)
    {
        var cut = original.Text.LastIndexOf('\n');
        var body = cut > 0 ? original.Text[..cut] : original.Text;
        var zh = original.Title.Any(c => c >= '\u4E00' && c <= '\u9FFF');
        var title = zh ? "快讯：" + original.Title : original.Title + " - Wire";
        return new BenchArticle(original.Story, title, body + "\n" + (zh ? Pick(ZhFooters, r) : Pick(EnFooters, r)));
    }

    private static string Day(Random r) => Pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], r);

    private static string Pick(string[] pool, Random r) => pool[r.Next(pool.Length)];
}
