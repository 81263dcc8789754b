using System.Text;
using BenchmarkDotNet.Attributes;
using NewsBot.Feeds;

namespace NewsBot.Benchmarks.Parsing;

/// <summary>
/// The charset detector's own cost on a 1 MB Big5 feed with no label anywhere, beside the whole parse of that feed and of
/// the same feed in declared UTF-8 (which never reaches the detector).
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private byte[] _big5 = [];
    private byte[] _utf8 = [];

    private static readonly string[] Sentences =
    [
        "立法院今日三讀通過預算案，行政院表示將盡快執行。", "颱風今晚接近台灣東部海面，氣象局發布海上警報。",
        "台北股市今天收盤上漲，成交金額創下三個月來新高。", "教育部宣布明年起調整大學入學考試制度，家長團體表示歡迎。",
        "衛生福利部提醒民眾，流感疫苗接種即將開始。", "交通部表示，高速鐵路新路線預計於後年通車。",
    ];

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var r = new Random(5);
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>新聞</title><link>https://news.example/</link>\n");
        for (int i = 0; sb.Length < 960_000; i++)
        {
            sb.Append("<item><title>").Append(Sentences[r.Next(Sentences.Length)]).Append("</title><link>https://news.example/a/").Append(i)
                .Append("</link><description>");
            for (int s = 0; s < 6; s++)
                sb.Append(Sentences[r.Next(Sentences.Length)]);
            sb.Append("</description></item>\n");
        }
        sb.Append("</channel></rss>");
        string xml = sb.ToString();
        _big5 = Encoding.GetEncoding("big5").GetBytes(xml);
        _utf8 = Encoding.UTF8.GetBytes(xml.Replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", StringComparison.Ordinal));
        Console.WriteLine($"// Big5 {_big5.Length} bytes, UTF-8 {_utf8.Length} bytes; detected {CharsetDetection.Detect(_big5, null).WebName}");
    }

    [Benchmark]
    public Encoding DetectUndeclaredBig5() => CharsetDetection.Detect(_big5, null);

    [Benchmark]
    public int ParseUndeclaredBig5() => FeedParser.TryParse(_big5, null, null, out var feed, out _) ? feed.Items.Count : -1;

    [Benchmark(Baseline = true)]
    public int ParseDeclaredUtf8() => FeedParser.TryParse(_utf8, null, null, out var feed, out _) ? feed.Items.Count : -1;
}
