using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Web;

/// <summary>HTTP basic auth for the status page when Web:User and Web:Password are set (health probes stay open).</summary>
public static class BasicAuth
{
    public static bool IsAuthorized(HttpRequest request, StatusPageOptions options)
    {
        if (!options.RequiresAuth)
        {
            return true;
        }
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }
        // Both halves compared in constant time, so a timing probe learns nothing about either.
        var userOk = FixedTimeEquals(decoded[..colon], options.User!);
        var passwordOk = FixedTimeEquals(decoded[(colon + 1)..], options.Password!);
        return userOk & passwordOk;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
