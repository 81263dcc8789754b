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

    /// <summary>Longest one fetch may take, every redirect and the whole body included (a trickling server is cut off too).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest body kept, counted after decompression as well as on the wire.</summary>
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

    /// <summary>No server hint or failure backoff pushes the next check further out than this.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After this many consecutive failures the subscribed channels are told, once.</summary>
    [Range(1, 1000)]
    public int NotifyAfterFailures { get; set; } = 5;

    /// <summary>A feed that has failed without a break for longer than this is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// An item whose own text is shorter than this (in characters) is a teaser: in the auto full-text mode its summary is
    /// made from its article page.
    /// </summary>
    [Range(0, 100_000)]
    public int FullTextMinChars { get; set; } = 400;

    /// <summary>Longest a refresh waits for its teasers' pages, all of them together; what is late is posted from the feed's text.</summary>
    public TimeSpan FullTextTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest a post waits for the media files the bot downloads itself (where the platform could not fetch their URLs),
    /// all of them together; what is late is left out and the post goes without it.
    /// </summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest article page read, after decompression as well as on the wire.</summary>
    [Range(1024, long.MaxValue)]
    public long FullTextMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Pages fetched at once by one refresh (each host still gets at most PerHostConcurrency).</summary>
    [Range(1, 64)]
    public int FullTextConcurrency { get; set; } = 4;
}
