using System.Text.RegularExpressions;

namespace NewsBot.Tests.Panel;

internal static partial class PanelForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The anti-forgery token the forms of a panel page carry.</summary>
    public static string Token(string page) => AntiforgeryField().Match(page).Groups[1].Value;
}
