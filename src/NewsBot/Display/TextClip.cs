namespace NewsBot.Display;

public static class TextClip
{
    /// <summary>Cuts to at most <paramref name="max"/> UTF-16 units without splitting a surrogate pair, ending with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        if (max <= 1)
        {
            return max == 1 ? "…" : "";
        }
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return text[..cut].TrimEnd() + "…";
    }
}
