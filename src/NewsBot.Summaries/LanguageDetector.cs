namespace NewsBot.Summaries;

public static class LanguageDetector
{
    /// <summary>"zh", "en" or "other".</summary>
    public static string Detect(string text)
        => throw new NotImplementedException("contract placeholder: issue 4 helper implements");
}
