using System.Text;

namespace NewsBot.Feeds.Parsing;

/// <summary>The charset an HTML page declares in its head, found the way a browser's prescan finds it.</summary>
internal static class HtmlMeta
{
    /// <summary>How far the prescan reads: the HTML standard says 1024 bytes, but real heads put scripts first.</summary>
    private const int PrescanBytes = 4096;

    private static readonly System.Buffers.SearchValues<byte> LabelEnd = System.Buffers.SearchValues.Create(" \t\r\n\"';/>"u8);

    /// <summary>&lt;meta charset="gbk"&gt; or &lt;meta http-equiv="Content-Type" content="text/html; charset=gb2312"&gt;, or null.</summary>
    public static string? Charset(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, PrescanBytes)];
        while (true)
        {
            var meta = IndexOfIgnoreCase(head, "<meta"u8);
            if (meta < 0)
            {
                return null;
            }
            head = head[(meta + 5)..];
            var end = head.IndexOf((byte)'>');
            var tag = end < 0 ? head : head[..end];
            var charset = IndexOfIgnoreCase(tag, "charset"u8);
            if (charset >= 0)
            {
                var value = tag[(charset + 7)..].TrimStart(" \t\r\n"u8);
                if (value.Length > 0 && value[0] == (byte)'=')
                {
                    value = value[1..].TrimStart(" \t\r\n\"'"u8);
                    var stop = value.IndexOfAny(LabelEnd);
                    var label = stop < 0 ? value : value[..stop];
                    if (label.Length is > 0 and < 40)
                    {
                        return Encoding.ASCII.GetString(label);
                    }
                }
            }
            if (end < 0)
            {
                return null;
            }
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | 0x20) == lowerNeedle[j])
            {
                j++;
            }
            if (j == lowerNeedle.Length)
            {
                return i;
            }
        }
        return -1;
    }
}
