namespace NewsBot.Tests.Topics;

/// <summary>One article of the corpus: articles with the same <see cref="Story"/> are the same story from different outlets.</summary>
public sealed record CorpusArticle(string Story, string Outlet, string Title, string Text);

/// <summary>
/// Owned, hand-written zh/en articles (not copied from anywhere) built to trap a near-duplicate detector: distinct
/// stories that share agency footers, newsletter promos, Chinese disclaimers and market-wrap templates differing only in
/// numbers, plus true re-runs of one story by several outlets with their own headline wording.
/// </summary>
public static class StoryCorpus
{
    private const string ReutersFooter = "Reporting by Lisa Chang in Singapore and David Morgan in London; Editing by Mark Heinrich and Sonali Paul\nOur Standards: The Thomson Reuters Trust Principles.";
    private const string Newsletter = "Subscribe to our newsletter to get the day's most important business news delivered straight to your inbox every morning. Sign up now and never miss a story that matters to your money.";
    private const string Disclaimer = "免责声明：本文内容与数据仅供参考，不构成投资建议，据此操作，风险自担。市场有风险，投资需谨慎。本网站所刊载的所有资料及图表仅供参考使用。";
    private const string ZhFooter = "（责任编辑：王晓明）\n本文来源：财经日报网 作者：财经日报记者\n点击关注，第一时间了解财经日报最新资讯。";

    // WordPress appends this to every excerpt in its feeds.
    private static string WordPressTail(string title) => $"The post {title} appeared first on Daily Markets Digest.";

    public static readonly CorpusArticle[] Articles =
    [
        // ── True re-runs, English: different headline wording, same facts.
        new("toyota-recall", "Reuters", "Toyota to recall 1.2 million vehicles over faulty airbag sensors",
            "TOKYO (Reuters) - Toyota Motor Corp said on Wednesday it would recall about 1.2 million vehicles in the United States because a faulty sensor could stop airbags from deploying in a crash.\nThe recall covers some 2020-2022 Avalon, Camry, Corolla, Highlander and RAV4 models, the automaker said.\n" + ReutersFooter),
        new("toyota-recall", "AP", "Toyota recalls about 1.2 million cars, SUVs because airbags may not deploy",
            "DETROIT (AP) — Toyota is recalling about 1.2 million vehicles in the United States because a faulty sensor could keep the airbags from deploying in a crash.\nThe recall covers certain 2020 through 2022 Avalon, Camry, Corolla, Highlander and RAV4 models, the company said Wednesday."),
        new("toyota-recall", "Autos Today", "Airbag sensor fault prompts Toyota recall of 1.2 million vehicles",
            "Toyota will recall about 1.2 million vehicles in the United States because an airbag sensor fault could stop the airbags from deploying, the automaker said on Wednesday.\nAffected are some 2020-2022 Avalon, Camry, Corolla, Highlander and RAV4 models.\n" + Newsletter),

        new("japan-quake", "Reuters", "Magnitude 6.1 earthquake strikes off northern Japan, no tsunami warning",
            "TOKYO (Reuters) - An earthquake of magnitude 6.1 struck off the coast of Aomori prefecture in northern Japan on Thursday, the Japan Meteorological Agency said, adding there was no risk of a tsunami.\nThere were no immediate reports of damage or injuries.\n" + ReutersFooter),
        new("japan-quake", "AP", "Strong earthquake shakes northern Japan; no tsunami threat",
            "TOKYO (AP) — A magnitude 6.1 earthquake shook northern Japan on Thursday off the coast of Aomori prefecture, the Japan Meteorological Agency said. No tsunami warning was issued.\nThere were no immediate reports of damage or injuries, officials said."),

        new("fed-hold", "Reuters", "Fed holds rates steady at 5.25%-5.50%, signals three cuts this year",
            "WASHINGTON (Reuters) - The Federal Reserve held interest rates steady in the 5.25%-5.50% range on Wednesday and policymakers signalled they still expect three rate cuts this year.\nFed Chair Jerome Powell said inflation had eased but remained above the 2% target.\n" + ReutersFooter),
        new("fed-hold", "Money Wire", "Federal Reserve keeps rates unchanged, still sees three cuts in 2026",
            "The Federal Reserve kept its benchmark rate unchanged in a 5.25%-5.50% range on Wednesday, and officials still project three rate cuts this year.\nChair Jerome Powell said inflation has eased but is still above the Fed's 2% target.\n" + Newsletter),

        // ── Distinct English stories sharing the Reuters footer or the newsletter promo.
        new("copper-mine", "Reuters", "Chile's Codelco posts 8% drop in copper output",
            "SANTIAGO (Reuters) - Chilean state miner Codelco said on Friday its copper output fell 8% in the first nine months of the year.\n" + ReutersFooter),
        new("airline-strike", "Reuters", "Lufthansa pilots call two-day strike over pensions",
            "FRANKFURT (Reuters) - Lufthansa pilots will strike for two days from Monday in a dispute over company pensions, their union said.\n" + ReutersFooter),
        new("bank-merger", "Money Wire", "Two regional lenders agree $2 billion merger",
            "Two Midwest regional banks agreed on Tuesday to merge in an all-stock deal valued at $2 billion.\n" + Newsletter),
        new("mortgage-rates", "Money Wire", "Mortgage rates fall for third straight week",
            "The average 30-year fixed mortgage rate fell to 6.4% this week, the third weekly decline in a row.\n" + Newsletter),
        new("ev-tariffs", "Money Wire", "EU confirms tariffs of up to 35% on Chinese electric cars",
            "The European Union confirmed tariffs of up to 35% on electric cars made in China on Tuesday, after a year-long investigation.\n" + Newsletter),

        // ── English market wraps from one template: same wording, different numbers (and moments of the day).
        new("us-close-nov24", "Daily Markets Digest", "Stock market today: Dow, S&P 500 and Nasdaq close higher",
            "The Dow Jones Industrial Average rose 0.4% to 44,296 on Monday, the S&P 500 gained 0.3% to 5,987 and the Nasdaq Composite added 0.6% to 19,054.\n" + WordPressTail("Stock market today: Dow, S&P 500 and Nasdaq close higher")),
        new("us-close-nov24", "Market Watchers", "Dow, S&P 500, Nasdaq all end higher on Monday",
            "The Dow Jones Industrial Average rose 0.4% to 44,296 on Monday, while the S&P 500 gained 0.3% to 5,987 and the Nasdaq Composite added 0.6% to 19,054."),
        new("us-close-nov25", "Daily Markets Digest", "Stock market today: Dow, S&P 500 and Nasdaq close higher",
            "The Dow Jones Industrial Average rose 0.3% to 44,860 on Tuesday, the S&P 500 gained 0.6% to 6,021 and the Nasdaq Composite added 0.6% to 19,174.\n" + WordPressTail("Stock market today: Dow, S&P 500 and Nasdaq close higher")),
        new("us-midday-nov25", "Daily Markets Digest", "Stock market today: Dow, S&P 500 and Nasdaq trade higher",
            "The Dow Jones Industrial Average rose 0.2% to 44,771 on Tuesday, the S&P 500 gained 0.4% to 6,010 and the Nasdaq Composite added 0.5% to 19,150.\n" + WordPressTail("Stock market today: Dow, S&P 500 and Nasdaq trade higher")),
        new("oil-nov24", "Energy Desk", "Oil prices: Brent settles at $73.01, WTI at $68.94",
            "Brent crude futures settled up 84 cents, or 1.2%, at $73.01 a barrel on Monday, while U.S. West Texas Intermediate crude rose 70 cents, or 1.0%, to $68.94."),
        new("oil-nov25", "Energy Desk", "Oil prices: Brent settles at $72.81, WTI at $68.77",
            "Brent crude futures settled down 20 cents, or 0.3%, at $72.81 a barrel on Tuesday, while U.S. West Texas Intermediate crude fell 17 cents, or 0.2%, to $68.77."),

        // ── True re-runs, Chinese.
        new("shenzhou-return", "新华社", "神舟十八号载人飞船返回舱成功着陆",
            "新华社酒泉11月4日电 记者从中国载人航天工程办公室获悉，神舟十八号载人飞船返回舱于11月4日1时24分在东风着陆场成功着陆，航天员叶光富、李聪、李广苏安全顺利出舱，身体状态良好。\n神舟十八号载人飞行任务取得圆满成功。"),
        new("shenzhou-return", "央视新闻", "神十八航天员乘组平安回家！返回舱在东风着陆场着陆",
            "11月4日1时24分，神舟十八号载人飞船返回舱在东风着陆场成功着陆，航天员叶光富、李聪、李广苏安全顺利出舱，身体状态良好，神舟十八号载人飞行任务取得圆满成功。\n" + ZhFooter),
        new("shenzhou-return", "澎湃新闻", "神舟十八号返回舱成功着陆 三名航天员平安出舱",
            "中国载人航天工程办公室消息，神舟十八号载人飞船返回舱于11月4日1时24分在东风着陆场成功着陆，航天员叶光富、李聪、李广苏安全顺利出舱，身体状态良好。"),

        new("typhoon", "中新网", "台风“摩羯”在海南文昌沿海登陆 中心最大风力17级",
            "中新网海口9月6日电 今年第11号台风“摩羯”于6日16时20分前后在海南省文昌市翁田镇沿海登陆，登陆时中心附近最大风力有17级以上（62米/秒），中心最低气压为915百帕。\n海南已启动防台风一级应急响应。"),
        new("typhoon", "人民网", "超强台风“摩羯”登陆海南文昌，登陆时风力达17级以上",
            "据中央气象台消息，今年第11号台风“摩羯”6日16时20分前后在海南文昌翁田镇沿海登陆，登陆时中心附近最大风力17级以上（62米/秒），中心最低气压915百帕。\n海南省启动防台风一级应急响应。\n" + ZhFooter),

        new("rrr-cut", "证券时报", "央行宣布下调存款准备金率0.5个百分点",
            "中国人民银行9月27日宣布，决定下调金融机构存款准备金率0.5个百分点，预计向金融市场提供长期流动性约1万亿元。\n" + Disclaimer),
        new("rrr-cut", "财经日报", "降准落地！央行下调存准率0.5个百分点 释放长期资金约1万亿元",
            "中国人民银行宣布，自9月27日起下调金融机构存款准备金率0.5个百分点，此次降准预计将向金融市场提供长期流动性约1万亿元。\n" + ZhFooter),

        // ── Distinct Chinese stories sharing the disclaimer or the outlet footer.
        new("lithium-price", "证券时报", "碳酸锂期货主力合约跌超4%",
            "碳酸锂期货主力合约周二收跌4.3%，报每吨7.5万元，创年内新低。\n" + Disclaimer),
        new("solar-exports", "证券时报", "前三季度光伏组件出口同比增长12%",
            "海关数据显示，前三季度我国光伏组件出口量同比增长12%，出口额则因价格下跌有所回落。\n" + Disclaimer),
        new("ipo-review", "证券时报", "两家公司科创板IPO获审核通过",
            "上交所科创板上市委员会周三召开审议会议，两家半导体公司首发申请获审核通过。\n" + Disclaimer),
        new("property-sales", "财经日报", "10月百强房企销售额环比增长9%",
            "数据显示，10月百强房企实现销售额约4000亿元，环比增长9%，市场出现企稳迹象。\n" + ZhFooter),
        new("port-volume", "财经日报", "宁波舟山港前十月集装箱吞吐量突破3200万标箱",
            "宁波舟山港前十个月完成集装箱吞吐量3200万标准箱，同比增长10%，继续保持全球第三。\n" + ZhFooter),

        // ── Chinese market wraps and fixings from one template: same wording, different numbers.
        new("a-share-close-1125", "财经日报", "A股三大指数集体收涨 沪指涨0.52%",
            "A股三大指数11月25日集体收涨，截至收盘，沪指涨0.52%报3263.76点，深成指涨0.87%报10548.32点，创业板指涨1.13%报2203.45点。沪深两市成交额达1.52万亿元。\n" + Disclaimer),
        new("a-share-close-1125", "证券时报", "收评：三大指数集体上涨 沪指收涨0.52%",
            "截至11月25日收盘，沪指涨0.52%报3263.76点，深成指涨0.87%报10548.32点，创业板指涨1.13%报2203.45点，两市成交额1.52万亿元。"),
        new("a-share-close-1126", "财经日报", "A股三大指数集体收涨 沪指涨0.31%",
            "A股三大指数11月26日集体收涨，截至收盘，沪指涨0.31%报3273.86点，深成指涨0.45%报10595.79点，创业板指涨0.92%报2223.72点。沪深两市成交额达1.37万亿元。\n" + Disclaimer),
        new("a-share-midday-1126", "财经日报", "A股三大指数午盘集体上涨 沪指涨0.18%",
            "A股三大指数11月26日午盘集体上涨，截至午间收盘，沪指涨0.18%报3269.51点，深成指涨0.27%报10576.40点，创业板指涨0.64%报2217.50点。沪深两市成交额达7412亿元。\n" + Disclaimer),
        new("cny-fixing-1125", "财经日报", "人民币对美元中间价报7.1052 调升45个基点",
            "中国外汇交易中心数据显示，11月25日人民币对美元汇率中间价报7.1052，较前一交易日调升45个基点。\n" + ZhFooter),
        new("cny-fixing-1126", "财经日报", "人民币对美元中间价报7.1098 调降46个基点",
            "中国外汇交易中心数据显示，11月26日人民币对美元汇率中间价报7.1098，较前一交易日调降46个基点。\n" + ZhFooter),
        new("gold-am-1126", "财经日报", "国际金价早盘：现货黄金报2651.30美元/盎司 涨0.42%",
            "11月26日早盘，现货黄金报2651.30美元/盎司，涨0.42%；COMEX黄金期货报2653.10美元/盎司，涨0.38%。\n" + Disclaimer),
        new("gold-pm-1126", "财经日报", "国际金价晚盘：现货黄金报2638.75美元/盎司 跌0.05%",
            "11月26日晚盘，现货黄金报2638.75美元/盎司，跌0.05%；COMEX黄金期货报2640.20美元/盎司，跌0.09%。\n" + Disclaimer),
    ];
}
