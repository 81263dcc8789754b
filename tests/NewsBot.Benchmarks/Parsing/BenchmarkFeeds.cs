using System.Globalization;
using System.Text;

namespace NewsBot.Benchmarks.Parsing;

/// <summary>Real-world-sized feeds, generated deterministically so every run parses the same bytes.</summary>
internal static class BenchmarkFeeds
{
    private static readonly string[] Words =
    [
        "government", "market", "officials", "said", "on", "Tuesday", "that", "the", "new", "policy", "would", "affect",
        "millions", "of", "people", "across", "region", "analysts", "expect", "growth", "to", "slow", "in", "coming", "months",
    ];

    private static readonly string[] Hanzi =
    [
        "分析人士", "称", "平壤", "承诺", "将", "士兵", "的", "生命", "投入", "到", "俄罗斯", "对", "乌克兰", "战争", "努力", "中", "这",
        "可能", "意味着", "朝鲜", "已", "所有", "筹码", "押在", "与", "莫斯科", "关系", "上",
    ];

    private static string Sentence(Random r, string[] words, string space, int min, int max)
    {
        int n = r.Next(min, max);
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
                sb.Append(space);
            sb.Append(words[r.Next(words.Length)]);
        }
        return sb.ToString();
    }

    private static string Html(Random r, string[] words, string space, int paragraphs)
    {
        var sb = new StringBuilder();
        sb.Append("<figure><img src=\"https://cdn.example.com/img/").Append(r.Next()).Append(".jpg\" width=\"900\"><figcaption>Photo: Agency</figcaption></figure>");
        for (int p = 0; p < paragraphs; p++)
        {
            sb.Append("<p>").Append(Sentence(r, words, space, 20, 60)).Append(" <a href=\"/story/").Append(r.Next()).Append("\">")
                .Append(Sentence(r, words, space, 2, 5)).Append("</a> &amp; ").Append(Sentence(r, words, space, 10, 30)).Append(".</p>");
        }
        sb.Append("<img src=\"https://feeds.feedburner.com/~r/example/~4/pixel\" height=\"1\" width=\"1\">");
        return sb.ToString();
    }

    private static string Date(int i) => new DateTimeOffset(2024, 11, 5, 2, 39, 4, TimeSpan.Zero).AddMinutes(-37 * i).ToString("r", CultureInfo.InvariantCulture);

    public static byte[] Rss500()
    {
        var r = new Random(500);
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel><title>Example News</title><link>https://news.example.com/</link><description>Everything</description><atom:link rel=\"self\" href=\"https://news.example.com/rss\"/>\n");
        for (int i = 0; i < 500; i++)
        {
            sb.Append("<item><title>").Append(Sentence(r, Words, " ", 6, 14)).Append("</title><link>https://news.example.com/story/").Append(i)
                .Append("</link><guid isPermaLink=\"false\">story-").Append(i).Append("</guid><pubDate>").Append(Date(i)).Append("</pubDate><dc:creator>Reporter ")
                .Append(i % 17).Append("</dc:creator><category>World</category><category>Economy</category><description><![CDATA[<p>")
                .Append(Sentence(r, Words, " ", 20, 40)).Append("</p>]]></description><content:encoded><![CDATA[").Append(Html(r, Words, " ", 6))
                .Append("]]></content:encoded><media:thumbnail url=\"https://cdn.example.com/t/").Append(i).Append(".jpg\"/></item>\n");
        }
        sb.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Atom300()
    {
        var r = new Random(300);
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://blog.example.org/\"><title>Example Blog</title><link rel=\"alternate\" href=\"/\"/><id>urn:example</id><updated>2024-11-05T02:39:04Z</updated>\n");
        for (int i = 0; i < 300; i++)
        {
            sb.Append("<entry><id>urn:example:").Append(i).Append("</id><title type=\"html\">").Append(Sentence(r, Words, " ", 6, 14))
                .Append("</title><link rel=\"alternate\" type=\"text/html\" href=\"posts/").Append(i).Append("\"/><published>2024-11-0").Append(1 + (i % 9))
                .Append("T02:39:04Z</published><updated>2024-11-05T02:39:04+02:00</updated><author><name>Author ").Append(i % 9)
                .Append("</name><email>a@example.org</email></author><category term=\"tech\"/><summary type=\"text\">").Append(Sentence(r, Words, " ", 20, 40))
                .Append("</summary><content type=\"html\">").Append(System.Security.SecurityElement.Escape(Html(r, Words, " ", 8))).Append("</content></entry>\n");
        }
        sb.Append("</feed>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Chinese200()
    {
        var r = new Random(200);
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>美国之音中文网 - 国际</title><link>https://www.voachinese.com/</link><description>新闻</description>\n");
        for (int i = 0; i < 200; i++)
        {
            sb.Append("<item><title>").Append(Sentence(r, Hanzi, "", 8, 16)).Append("</title><link>https://www.voachinese.com/a/").Append(i)
                .Append(".html</link><guid>https://www.voachinese.com/a/").Append(i).Append(".html</guid><pubDate>").Append(Date(i))
                .Append("</pubDate><description><![CDATA[<img src=\"https://images.weserv.nl?url=gdb.voanews.com/").Append(i)
                .Append(".jpg\" width=\"100%\"><div><small>资料照片：").Append(Sentence(r, Hanzi, "", 10, 20)).Append("</small></div>华盛顿 — ")
                .Append(Html(r, Hanzi, "", 8)).Append("]]></description></item>\n");
        }
        sb.Append("</channel></rss>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
