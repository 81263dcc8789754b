namespace NewsBot.Storage;

/// <summary>
/// One key of the panel's data-protection key ring (session cookies, anti-forgery tokens, the OAuth flow cookie), kept
/// in the database so every instance of a deployment reads and writes the same ring and survives restarts.
/// </summary>
public sealed class SigningKey
{
    public long Id { get; set; }
    public required string FriendlyName { get; set; }
    /// <summary>The key as ASP.NET Core Data Protection writes it (its &lt;key&gt; element).</summary>
    public required string Xml { get; set; }
}
