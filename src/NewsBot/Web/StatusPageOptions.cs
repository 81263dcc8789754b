namespace NewsBot.Web;

/// <summary>The "Web" section's access settings: with both set, the status page asks for HTTP basic auth.</summary>
public sealed class StatusPageOptions
{
    public const string Section = "Web";

    public string? User { get; set; }

    public string? Password { get; set; }

    public bool RequiresAuth => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);

    internal static IEnumerable<string> Rules(StatusPageOptions o)
    {
        if (string.IsNullOrEmpty(o.User) != string.IsNullOrEmpty(o.Password))
        {
            yield return "Password: set both Web:User and Web:Password to protect the status page, or neither";
        }
    }
}
