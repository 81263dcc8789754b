using System.Globalization;
using System.Net;
using System.Text;

namespace NewsBot.Tests.Support;

/// <summary>
/// Article pages the way news sites serve them, around a given article: navigation, breadcrumbs, share bars, inline
/// ads, a "most read" rail, related stories, a newsletter box, comments, a footer, JSON-LD, Open Graph tags and the
/// inline script state that makes real pages weigh 50–300 KB. Four layouts (two English, two Chinese portals) so that
/// extraction is not tuned to one template. Shared with the benchmarks.
/// </summary>
public static class NewsPages
{
    /// <summary>Text of the chrome that must never reach a summary; every layout carries some of these.</summary>
    public static readonly string[] ChromeMarkers =
    [
        "Most read", "Sign up for our newsletter", "Comments (", "All rights reserved", "Advertisement", "Share this story",
        "热门推荐", "网友评论", "版权所有", "相关新闻", "责任编辑", "广告",
    ];

    public sealed record Page(string Html, string ImageUrl);

    /// <param name="paragraphs">The article's text, one paragraph per entry; captions ("Photo: …", "图为…") become figures.</param>
    /// <param name="layout">0–3; any number is taken modulo the four layouts.</param>
    /// <param name="targetBytes">Roughly how heavy the page is: inline script state is added until it is reached.</param>
    public static Page Render(string title, IReadOnlyList<string> paragraphs, string language, Uri url, int layout, int targetBytes = 80_000)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var zh = language.StartsWith("zh", StringComparison.Ordinal);
        var image = new Uri(url, $"/images/{Math.Abs(StableHash(title)) % 100000}/lead.jpg").AbsoluteUri;
        var body = new StringBuilder();
        var random = new Random(StableHash(title));
        var figureDone = false;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i].Trim();
            if (p.Length == 0)
            {
                continue;
            }
            if (IsCaption(p))
            {
                var src = figureDone ? new Uri(url, $"/images/body-{i}.jpg").AbsoluteUri : image;
                figureDone = true;
                body.Append(CultureInfo.InvariantCulture,
                    $"<figure class=\"article-figure\"><img src=\"{src}\" width=\"1200\" height=\"675\" alt=\"\"><figcaption>{E(p)}</figcaption></figure>\n");
                continue;
            }
            if (p.StartsWith("Read more:", StringComparison.Ordinal) || p.StartsWith("相关阅读", StringComparison.Ordinal))
            {
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"related-inline\"><a href=\"/related/{i}\">{E(p)}</a></p>\n");
                continue;
            }
            body.Append(CultureInfo.InvariantCulture, $"<p>{E(p)}</p>\n");
            if (i == 2)
            {
                body.Append(zh
                    ? "<div class=\"ad-slot\" id=\"ad-inarticle\"><span>广告</span><script>window.adq=window.adq||[];adq.push('in-article');</script></div>\n"
                    : "<div class=\"ad-slot\" id=\"ad-inarticle\"><span>Advertisement</span><script>window.adq=window.adq||[];adq.push('in-article');</script></div>\n");
            }
        }

        var html = (layout % 4) switch
        {
            0 => MetroLayout(title, body.ToString(), url, image, random),
            1 => WireLayout(title, body.ToString(), url, image, random),
            2 => PortalLayout(title, body.ToString(), url, image, random),
            _ => ForumPortalLayout(title, body.ToString(), url, image, random),
        };
        return new Page(Pad(html, targetBytes, random), image);
    }

    /// <summary>The page's bytes in the charset it declares (GB18030 for the portal that says gb2312, else UTF-8).</summary>
    public static byte[] Encode(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Contains("charset=gb2312", StringComparison.Ordinal))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetBytes(html);
        }
        return Encoding.UTF8.GetBytes(html);
    }

    /// <summary>What a teaser feed carries of the article: the first sentence of its first paragraph of news, cut with "…".</summary>
    public static string Teaser(IReadOnlyList<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var first = paragraphs.Select(p => p.Trim()).First(p => p.Length > 40 && !IsCaption(p));
        var end = first.IndexOfAny(['。', '.', '！', '?', '？']);
        var sentence = end > 20 && end < first.Length - 1 ? first[..(end + 1)] : first;
        return (sentence.Length > 160 ? sentence[..160] : sentence) + " …";
    }

    private static bool IsCaption(string p) =>
        p.StartsWith("Photo:", StringComparison.Ordinal) || p.StartsWith("File photo", StringComparison.Ordinal)
        || p.StartsWith("图为", StringComparison.Ordinal) || p.StartsWith("资料图", StringComparison.Ordinal) || p.StartsWith("图片：", StringComparison.Ordinal)
        || p.StartsWith("资料照片", StringComparison.Ordinal);

    private static string MetroLayout(string title, string body, Uri url, string image, Random random) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>{{E(title)}} | The Metro Daily</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta property="og:title" content="{{E(title)}}"><meta property="og:image" content="{{image}}">
        <meta property="og:url" content="{{url}}"><meta name="twitter:card" content="summary_large_image">
        <link rel="stylesheet" href="/static/css/main.4f9a1c.css"><script src="/static/js/vendor.js" defer></script>
        <style>.nav a{padding:0 8px}.rail li{margin:4px 0}.ad-slot{min-height:250px}</style>
        </head><body class="article-page">
        <header class="site-header"><a class="logo" href="/">The Metro Daily</a>
        <nav class="nav"><a href="/news">News</a><a href="/politics">Politics</a><a href="/business">Business</a><a href="/sport">Sport</a><a href="/culture">Culture</a><a href="/opinion">Opinion</a><a href="/subscribe">Subscribe</a><a href="/login">Sign in</a></nav></header>
        <div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/us">US</a></div>
        <main id="main"><article class="story">
        <h1 class="headline">{{E(title)}}</h1>
        <div class="byline">By <a href="/staff/jordan-ellis">Jordan Ellis</a> · Updated 2 hours ago</div>
        <div class="share-bar" aria-label="Share this story"><a href="#">Share this story</a> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
        <div class="story-body">
        {{body}}
        </div>
        <div class="tags"><a href="/tag/1">Tag one</a> <a href="/tag/2">Tag two</a></div>
        </article>
        <section class="newsletter"><h3>Sign up for our newsletter</h3><p>The day's top stories, every morning in your inbox. You can unsubscribe at any time.</p><form><input type="email" placeholder="you@example.com"><button>Sign up</button></form></section>
        <section class="comments"><h3>Comments ({{random.Next(12, 400)}})</h3>{{Comments(random, false)}}</section>
        </main>
        <aside class="rail"><h3>Most read</h3><ol>{{Headlines(random, false, 10)}}</ol><div class="ad-slot"><span>Advertisement</span></div></aside>
        <footer class="site-footer"><nav><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></nav><p>© 2026 The Metro Daily. All rights reserved.</p></footer>
        </body></html>
        """;

    private static string WireLayout(string title, string body, Uri url, string image, Random random) => $$"""
        <!doctype html>
        <html lang="en-US"><head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>{{E(title)}} - World Wire</title>
        <meta name="twitter:image" content="{{image}}"><meta name="description" content="{{E(title)}}">
        {{JsonLd(title, image)}}
        </head><body>
        <div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button> <button>Manage</button></div>
        <div class="top"><ul class="menu"><li><a href="/world">World</a></li><li><a href="/us">U.S.</a></li><li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li><li><a href="/health">Health</a></li><li><a href="/video">Video</a></li></ul></div>
        <div class="layout"><div class="col-main">
        <div class="page-title"><h1>{{E(title)}}</h1><p class="timestamp">November 30, 2026</p></div>
        <div class="RichTextStoryBody">
        {{body}}
        </div>
        <div class="share-tools"><span>Share this story</span> <a href="#">Copy link</a></div>
        <div class="related"><h2>Related coverage</h2><ul>{{Headlines(random, false, 6)}}</ul></div>
        </div>
        <div class="col-side"><div class="widget"><h3>Most read</h3><ul>{{Headlines(random, false, 8)}}</ul></div><div class="ad-slot">Advertisement</div></div></div>
        <div class="footer"><p>Copyright 2026 World Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p></div>
        </body></html>
        """;

    private static string PortalLayout(string title, string body, Uri url, string image, Random random) => $$"""
        <!DOCTYPE html>
        <html><head>
        <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>{{E(title)}}_新闻中心_东方门户网</title>
        <meta name="keywords" content="新闻,国内,{{E(title)}}"><meta property="og:image" content="{{image}}">
        <script>var ARTICLE_CONFIG={channel:"news",sub:"gn",docid:"{{random.Next()}}"};</script>
        </head><body>
        <div class="top-nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/finance">财经</a> | <a href="/sports">体育</a> | <a href="/ent">娱乐</a> | <a href="/tech">科技</a> | <a href="/auto">汽车</a> | <a href="/login">登录</a></div>
        <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/news">新闻中心</a> &gt; 国内新闻</div>
        <div class="wrap"><div class="main-content w640">
        <h1 class="main-title">{{E(title)}}</h1>
        <div class="date-source"><span class="date">2026年11月30日 08:12</span> <span class="source">中国新闻网</span></div>
        <div class="article" id="artibody">
        {{body}}
        <p class="show_author">责任编辑：王晓明</p>
        </div>
        <div class="related-news"><h3>相关新闻</h3><ul>{{Headlines(random, true, 6)}}</ul></div>
        <div class="comment-box"><h3>网友评论</h3>{{Comments(random, true)}}</div>
        </div>
        <div class="side"><div class="hot"><h3>热门推荐</h3><ul>{{Headlines(random, true, 10)}}</ul></div><div class="ad-slot">广告</div></div></div>
        <div class="footer"><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/jobs">招聘信息</a></p><p>Copyright © 2026 东方门户网 版权所有 京ICP证000000号</p></div>
        </body></html>
        """;

    private static string ForumPortalLayout(string title, string body, Uri url, string image, Random random) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="UTF-8">
        <title>{{E(title)}} - 南方快讯</title>
        <meta property="og:image" content="{{image}}"><meta property="og:type" content="article">
        </head><body>
        <header><div class="logo">南方快讯</div><ul class="channels"><li><a href="/">要闻</a></li><li><a href="/gd">广东</a></li><li><a href="/china">国内</a></li><li><a href="/world">国际</a></li><li><a href="/money">财经</a></li><li><a href="/video">视频</a></li><li><a href="/app">下载客户端</a></li></ul></header>
        <section class="container"><div class="left">
        <div class="article-head"><h1>{{E(title)}}</h1><div class="meta"><span>来源：南方快讯</span><span>2026-11-30 09:30</span><a href="#comments">评论</a></div></div>
        <div class="article-content">
        {{body}}
        </div>
        <div class="editor">责任编辑：李红</div>
        <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
        <div class="recommend"><h3>相关新闻</h3><ul>{{Headlines(random, true, 8)}}</ul></div>
        <div id="comments"><h3>网友评论</h3>{{Comments(random, true)}}</div>
        </div>
        <div class="right"><h3>热门推荐</h3><ol>{{Headlines(random, true, 10)}}</ol><div class="ad-slot">广告</div></div></section>
        <footer>南方快讯 版权所有 未经授权禁止转载 粤ICP备00000000号</footer>
        </body></html>
        """;

    private static readonly string[] EnglishHeadlines =
    [
        "City council approves new budget after late-night session", "Storm warning issued for the coast this weekend",
        "Local team wins championship in overtime thriller", "Five things to know before markets open",
        "Opinion: The housing crisis needs bolder answers", "Tech giant unveils new phone with longer battery",
        "Health officials urge flu shots as season begins", "Review: A quiet, devastating debut novel",
        "Airport delays expected as controllers strike", "The best hiking trails within an hour of downtown",
        "School district weighs later start times", "Stocks slip as investors await inflation data",
    ];

    private static readonly string[] ChineseHeadlines =
    [
        "多地发布寒潮预警 局地降温超10℃", "央行开展逆回购操作 维护流动性合理充裕", "新能源汽车下乡活动启动",
        "这座城市的夜市火了 游客排队两小时", "专家解读：明年经济工作重点在哪里", "高铁新线开通 两地通行时间缩短一半",
        "冬季流感高发 医生提醒做好防护", "国产电影票房破纪录 观众口碑两极", "多所高校公布寒假放假时间",
        "外卖骑手权益保障新规出台", "科学家发现新型材料 可大幅提升电池寿命", "文旅消费持续升温 景区接待量创新高",
    ];

    private static string Headlines(Random random, bool zh, int count)
    {
        var pool = zh ? ChineseHeadlines : EnglishHeadlines;
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/story/{random.Next(100000, 999999)}\">{pool[random.Next(pool.Length)]}</a></li>");
        }
        return sb.ToString();
    }

    private static string Comments(Random random, bool zh)
    {
        string[] pool = zh
            ? ["说得好，支持！", "希望早日落实到位。", "这个消息太及时了，转发给家人看看。", "楼上说得对。", "有没有更详细的报道？"]
            : ["Great reporting, thank you.", "I live nearby and can confirm this.", "Why is nobody talking about the cost?", "This is exactly what I feared.", "Well said."];
        var sb = new StringBuilder("<ul class=\"comment-list\">");
        for (var i = 0; i < 5; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"comment\"><b>{(zh ? "网友" : "reader")}{random.Next(1000, 9999)}</b> <span>{pool[random.Next(pool.Length)]}</span> <a href=\"#\">{(zh ? "回复" : "Reply")}</a></li>");
        }
        return sb.Append("</ul>").ToString();
    }

    /// <summary>Inline script state before &lt;/body&gt;, the weight of a real page's hydration data and ad config.</summary>
    private static string Pad(string html, int targetBytes, Random random)
    {
        var missing = targetBytes - Encoding.UTF8.GetByteCount(html);
        if (missing <= 0)
        {
            return html;
        }
        var state = new StringBuilder("<script>window.__INITIAL_STATE__={\"items\":[");
        var n = 0;
        while (state.Length < missing)
        {
            state.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":{random.Next()},\"slug\":\"story-{random.Next(100000, 999999)}\",\"section\":\"news\",\"score\":{random.NextDouble():F4},\"flags\":[\"a\",\"b\"]}},");
            n++;
        }
        state.Append(CultureInfo.InvariantCulture, $"{{}}],\"count\":{n}}};</script>");
        return html.Replace("</body>", state + "\n</body>", StringComparison.Ordinal);
    }

    private static string JsonLd(string title, string image) =>
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"" + J(title)
        + "\",\"image\":[\"" + image + "\"],\"datePublished\":\"2026-11-30T08:00:00Z\",\"isAccessibleForFree\":true}</script>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string J(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static int StableHash(string text)
    {
        var h = 17;
        foreach (var c in text)
        {
            h = unchecked((h * 31) + c);
        }
        return h & 0x7fffffff;
    }
}
