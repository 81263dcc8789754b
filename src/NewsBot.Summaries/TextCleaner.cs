using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsBot.Summaries;

/// <summary>
/// Turns the parser's plain text into the paragraphs worth summarising: no captions, photo
/// credits, datelines, bylines, headings or "read more" boilerplate.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>How many leading paragraphs may carry a dateline or byline.</summary>
    private const int HeaderParagraphs = 3;

    // The line breaks string.EnumerateLines knows.
    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    // Every dash InlineDateline accepts starts with one of these.
    private static readonly System.Buffers.SearchValues<char> DatelineDashes = System.Buffers.SearchValues.Create("—–－-");

    private static readonly System.Buffers.SearchValues<char> SentencePunctuation = System.Buffers.SearchValues.Create("。！？!?.…；;”\"」");

    /// <summary>The cleaned paragraphs of <paramref name="text"/>, in order.</summary>
    public static List<string> Paragraphs(string text)
    {
        var paragraphs = new List<string>();
        var reader = new ParagraphReader(text);
        while (reader.Next(out var paragraph))
        {
            paragraphs.Add(paragraph.ToString());
        }

        return paragraphs;
    }

    /// <summary>
    /// Reads cleaned paragraphs one at a time, so that a caller needing only the first part of a
    /// long article does not pay for the rest. Paragraphs are slices of the text where possible.
    /// </summary>
    internal struct ParagraphReader
    {
        private readonly string _text;
        private int _position;
        private int _kept;

        public ParagraphReader(string? text)
        {
            _text = string.IsNullOrWhiteSpace(text) ? "" : RemoveMarkup(text);
        }

        public bool Next(out ReadOnlyMemory<char> paragraph)
        {
            while (_position < _text.Length)
            {
                var rest = _text.AsSpan(_position);
                var lineLength = rest.IndexOfAny(LineBreaks);
                if (lineLength < 0)
                {
                    lineLength = rest.Length;
                }

                var line = CollapseWhitespace(_text.AsMemory(_position, lineLength));
                _position += lineLength + 1;
                if (line.IsEmpty)
                {
                    continue;
                }

                var kept = CleanLine(line, _kept < HeaderParagraphs);
                if (!kept.IsEmpty)
                {
                    _kept++;
                    paragraph = kept;
                    return true;
                }
            }

            paragraph = default;
            return false;
        }
    }

    internal static ReadOnlyMemory<char> CleanLine(ReadOnlyMemory<char> line, bool isHeader)
    {
        if (IsBoilerplate(line.Span) || (isHeader && IsByline(line.Span)))
        {
            return default;
        }

        if (IsCaption(line.Span))
        {
            // The parser may run a caption, the dateline and the first paragraph together:
            // "资料照片：……合影。(2024年6月19日)华盛顿 — 分析人士称，……". Keep what follows the dateline.
            // Most captions stand alone; without a dash there is no dateline to look for, and the
            // unanchored search would try every position of the line.
            var found = false;
            foreach (var dateline in InlineDateline().EnumerateMatches(line.Span.ContainsAny(DatelineDashes) ? line.Span : []))
            {
                line = line[(dateline.Index + dateline.Length)..];
                found = true;
                break;
            }

            if (!found)
            {
                return default;
            }

            isHeader = false;
        }

        line = RemoveInlineCredits(line);
        if (isHeader)
        {
            line = StripDateline(line);
        }

        line = line.Trim();
        return IsHeading(line.Span) ? default : line;
    }

    internal static ReadOnlyMemory<char> StripDateline(ReadOnlyMemory<char> line)
    {
        foreach (var pattern in (ReadOnlySpan<Regex>)[LatinDateline(), AgencyDateline(), CjkDateline(), ChineseAgencyDateline(), BracketSource()])
        {
            foreach (var match in pattern.EnumerateMatches(line.Span))
            {
                if (match.Length < line.Length)
                {
                    return line[match.Length..];
                }

                break;
            }
        }

        return line;
    }

    private static bool IsBoilerplate(ReadOnlySpan<char> line)
        => line.Length <= 160 && Boilerplate().IsMatch(line);

    private static bool IsByline(ReadOnlySpan<char> line)
        => line.Length <= 80 && Byline().IsMatch(line);

    // A caption ends with its credit; every credit pattern is short, so only the tail is searched.
    private static bool IsCaption(ReadOnlySpan<char> line)
        => CaptionStart().IsMatch(line) || (line.Length <= 300 && CaptionEnd().IsMatch(line[Math.Max(0, line.Length - CaptionTail)..]));

    private const int CaptionTail = 120;

    private static ReadOnlyMemory<char> RemoveInlineCredits(ReadOnlyMemory<char> line)
    {
        StringBuilder? builder = null;
        var copied = 0;
        foreach (var match in InlineCredit().EnumerateMatches(line.Span))
        {
            builder ??= new StringBuilder(line.Length);
            // The credit takes the space before it along.
            builder.Append(line.Span[copied..match.Index].TrimEnd());
            copied = match.Index + match.Length;
        }

        if (builder is null)
        {
            return line;
        }

        builder.Append(line.Span[copied..]);
        return builder.ToString().AsMemory();
    }

    // A short line with no sentence punctuation is a heading ("长期承诺", "Long-term commitment").
    private static bool IsHeading(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny(SentencePunctuation) >= 0)
        {
            return false;
        }

        var cjk = 0;
        var words = 1;
        foreach (var c in line)
        {
            if (Script.IsCjk(c))
            {
                cjk++;
            }
            else if (c == ' ')
            {
                words++;
            }
        }

        return cjk > 0 ? line.Length <= 30 : words <= 12;
    }

    private static string RemoveMarkup(string text)
    {
        if (text.Contains('<'))
        {
            text = Tag().Replace(text, " ");
        }

        // Entities decoded twice cover "&amp;nbsp;" left by double-encoding feeds.
        for (var i = 0; i < 2 && ContainsEntity(text); i++)
        {
            text = WebUtility.HtmlDecode(text);
        }

        return text;
    }

    // "S&P 500" has an ampersand but nothing to decode; decoding copies the whole text.
    private static bool ContainsEntity(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('&');
        while (at >= 0)
        {
            text = text[(at + 1)..];
            var name = 0;
            while (name < text.Length && name <= 10 && (char.IsAsciiLetterOrDigit(text[name]) || (name == 0 && text[name] == '#')))
            {
                name++;
            }

            if (name > 0 && name < text.Length && text[name] == ';')
            {
                return true;
            }

            at = text.IndexOf('&');
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> UnusualWhitespace = System.Buffers.SearchValues.Create(
        "\t\v\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u200B\u202F\u205F\u3000\uFEFF");

    // Most lines need nothing: they are returned as a slice, and only the rest are copied.
    private static ReadOnlyMemory<char> CollapseWhitespace(ReadOnlyMemory<char> line)
    {
        var span = line.Span;
        var trimmed = span.Trim();
        if (trimmed.IndexOfAny(UnusualWhitespace) < 0 && !trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed.IsEmpty ? default : line.Slice(span.Length - span.TrimStart().Length, trimmed.Length);
        }

        var builder = new StringBuilder(trimmed.Length);
        var pendingSpace = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? default : builder.ToString().AsMemory();
    }

    [GeneratedRegex(@"</?[A-Za-z][^<>]{0,500}>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^\W{0,3}(read (more|the full)|continue reading|related( articles?| stories| coverage)?\s*:|see also\b|subscribe\b|sign up\b|share (this|on|via)\b|follow us\b|click here\b|advertisement$|sponsored\b|all rights reserved|copyright\b|©|download (our|the) app|原文链接|阅读原文|阅读全文|点击(查看|阅读|进入|订阅)|欢迎订阅|订阅|分享到|分享此|责任编辑|编辑[:：]|来源[:：]|相关(阅读|新闻|报道)|延伸阅读|更多(精彩|新闻|内容)|扫码|关注我们|版权所有|本文(来源|来自)|转载)", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"^([Bb][Yy]\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}((\s*,\s*|\s+and\s+)\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}){0,3}(\s*[,|/—-]\s*[\p{L} ]{0,40})?|(记者|作者|撰稿|撰文|编译|通讯员|文)\s*[:：|/]?\s*[\p{IsCJKUnifiedIdeographs}·\p{L} ]{2,30}|[（(]?(本报|本台)?记者[\p{IsCJKUnifiedIdeographs}·\p{L} ]{2,30}[）)]?|(?i:updated|published|posted|last updated)\b.{0,60})$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"^\W{0,2}(资料照片|资料图片?|图片来源|图片|图像|图为|照片|摄影|配图|视频截图|截图|图\s*[:：/]|photo(graph)?s?\b|file photo|file image|image\s*(credit)?\s*[:：]|picture\s*[:：]|credit\s*[:：]|caption\s*[:：]|\((reuters|ap|afp|getty images|epa)( photo)?[^)]{0,40}\)\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionStart();

    [GeneratedRegex(@"([(（]\s*(reuters|ap|afp|epa|getty images|xinhua|ap photo|afp photo|reuters photo)\b[^)）]{0,60}[)）]|(photo|image|picture)\s*(credit)?\s*:\s*[^.。]{0,60}|/\s*(getty images|reuters|ap|afp)|[（(][^（）()]{0,30}摄[）)]|[（(]图片来源[:：][^（）()]{0,30}[）)])\s*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionEnd();

    // Credits inside a paragraph: "(AP Photo/Evan Vucci)", "（新华社记者张三摄）".
    [GeneratedRegex(@"[(（](\s*(AP|AFP|Reuters|EPA|Getty)[^)）]{0,50}(Photo|Images|photo)[^)）]{0,40}|[^（）()]{0,30}摄)[)）]")]
    private static partial Regex InlineCredit();

    // A dateline that may follow a caption on the same line.
    [GeneratedRegex(@"(?<=^|[\s)）。.])(\p{Lu}[\p{Lu}\p{Ll} .,'’]{1,40}(\s*\([A-Za-z .&/]{2,30}\))?|[\p{IsCJKUnifiedIdeographs}·]{2,10})\s*(—|–|－－|——|--)\s*")]
    private static partial Regex InlineDateline();

    // WASHINGTON (AP) — / NEW YORK, Jan. 5 (Reuters) - / LONDON —
    [GeneratedRegex(@"^\p{Lu}[\p{Lu}.'’ -]{1,30}[\p{Lu}.](\s*/\s*\p{Lu}[\p{Lu}.'’ -]{1,30})?(,\s*[\p{Lu}][\p{L}.]{1,12}(\s+\d{1,2})?)?(,\s*\d{4})?\s*(\([A-Za-z .&/]{2,30}\))?\s*(—|–|--|-|:)\s*")]
    private static partial Regex LatinDateline();

    // Washington (AP) — / Beijing, Nov 4 (Reuters) -
    [GeneratedRegex(@"^\p{Lu}[\p{L}.'’ ]{1,30}(,\s*[\p{L}.]{2,12}(\s+\d{1,2})?)?\s*\((AP|Reuters|AFP|CNN|UPI|Xinhua|Bloomberg|VOA|BBC)\)\s*(—|–|--|-)\s*")]
    private static partial Regex AgencyDateline();

    // 华盛顿 — / 北京——
    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}·]{2,10}\s*(—{1,2}|–|－－|--)\s*")]
    private static partial Regex CjkDateline();

    // 新华社北京11月4日电（记者张三）/ 中新网11月4日电 / 本报讯（记者 李四）
    [GeneratedRegex(@"^(新华社|中新社|中新网|央视网|人民网|环球网|澎湃新闻|本报|本台|路透社|法新社|美联社)[^，。,]{0,30}?(电|讯|消息)\s*([（(][^（）()]{0,40}[）)])?\s*")]
    private static partial Regex ChineseAgencyDateline();

    // 【环球时报报道】/ [Reuters]
    [GeneratedRegex(@"^(【[^】]{1,30}】|\[[^\]]{1,30}\])\s*")]
    private static partial Regex BracketSource();
}
