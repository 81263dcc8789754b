using System.Globalization;

namespace NewsBot.Web.Panel;

/// <summary>Chinese or English text for the page's culture (Accept-Language, or the choice kept in a cookie).</summary>
public static class Lang
{
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string T(string english, string chinese) => IsChinese ? chinese : english;
}
