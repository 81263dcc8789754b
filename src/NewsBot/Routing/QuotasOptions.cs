namespace NewsBot.Routing;

/// <summary>The "Quotas" configuration section: limits an operator sets per channel. Zero means no limit.</summary>
public sealed class QuotasOptions
{
    public const string Section = "Quotas";

    /// <summary>Most feeds one channel may subscribe to.</summary>
    public int FeedsPerChannel { get; set; } = 200;

    /// <summary>Most topics one channel may follow.</summary>
    public int TopicsPerChannel { get; set; } = 25;

    /// <summary>Shortest polling interval a subscription may ask for (on top of Feeds:MinInterval); null: no extra limit.</summary>
    public TimeSpan? MinInterval { get; set; }

    /// <summary>Most single posts per channel per hour; the rest wait for the next digest instead of being dropped.</summary>
    public int MessagesPerChannelPerHour { get; set; }

    internal static IEnumerable<string> Rules(QuotasOptions o)
    {
        if (o.FeedsPerChannel < 0 || o.TopicsPerChannel < 0 || o.MessagesPerChannelPerHour < 0)
        {
            yield return "FeedsPerChannel: quotas cannot be negative (0 means no limit)";
        }
        if (o.MinInterval is { } m && m <= TimeSpan.Zero)
        {
            yield return "MinInterval: must be positive";
        }
    }
}
