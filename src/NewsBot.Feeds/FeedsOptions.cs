using System.ComponentModel.DataAnnotations;

namespace NewsBot.Feeds;

/// <summary>The "Feeds" configuration section.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>How often a feed is checked when neither the subscription nor the server says otherwise.</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>No server hint or subscription may poll more often than this.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    [Required]
    public string UserAgent { get; set; } = "NewsBot/0.1 (self-hosted feed reader)";

    /// <summary>Off by default: chat users paste URLs, and the bot must not reach into the host's own network.</summary>
    public bool AllowPrivateAddresses { get; set; }

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 2;
}
