using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Tests.Panel;

/// <summary>Builds the query the Telegram Login Widget sends back, signed the way Telegram signs it.</summary>
internal static class TelegramLoginLink
{
    public static Dictionary<string, string> Fields(long userId, string firstName, DateTimeOffset authDate, string botToken)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = userId.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = firstName,
            ["username"] = "user" + userId.ToString(CultureInfo.InvariantCulture),
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var check = string.Join('\n', fields.Select(kv => kv.Key + "=" + kv.Value));
        var hash = HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(check));
        return new Dictionary<string, string>(fields) { ["hash"] = Convert.ToHexStringLower(hash) };
    }

    public static string Url(string baseUrl, Dictionary<string, string> fields, string? returnUrl = null) =>
        baseUrl + "/auth/telegram?" + string.Join('&', fields.Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value)))
        + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl));

    /// <summary>A cookie-keeping client signed in to the panel at <paramref name="baseUrl"/> as Telegram user <paramref name="userId"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(string baseUrl, long userId, string name = "Ann")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false });
        var answer = await client.GetAsync(Url(baseUrl, Fields(userId, name, DateTimeOffset.UtcNow, NewsBot.Tests.Telegram.FakeTelegramServer.Token)));
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
        return client;
    }
}
