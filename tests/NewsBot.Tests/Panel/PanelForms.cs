using System.Net;
using System.Text.RegularExpressions;

namespace NewsBot.Tests.Panel;

internal static partial class PanelForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The anti-forgery token the forms of a panel page carry.</summary>
    public static string Token(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    /// <summary>
    /// Posts one form of a channel page with its token, as a browser without script would, expects the redirect back
    /// to the page and returns that page, HTML-decoded.
    /// </summary>
    /// <param name="handler">The handler and any further query, as in "Display&amp;sid=3".</param>
    public static async Task<string> PostAsync(HttpClient client, string channelPage, string handler, string token, params (string Key, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        var response = await client.PostAsync($"{channelPage}?handler={handler}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(channelPage));
    }
}
