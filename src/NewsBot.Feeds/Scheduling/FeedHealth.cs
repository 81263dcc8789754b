namespace NewsBot.Feeds.Scheduling;

public enum FeedHealthAction
{
    None,
    /// <summary>Tell the subscribed channels the feed is failing (happens once per failure streak).</summary>
    NotifyChannels,
    /// <summary>Stop polling the feed and tell its channels.</summary>
    Disable,
}

/// <summary>What a feed's failure streak calls for; the host acts on it after recording each fetch.</summary>
public static class FeedHealth
{
    /// <param name="consecutiveErrors">Failures in a row, counting the fetch just recorded.</param>
    /// <param name="failingSince">When the first failure of the streak happened; null when the feed is healthy.</param>
    public static FeedHealthAction Evaluate(int consecutiveErrors, DateTimeOffset? failingSince, DateTimeOffset now, FeedsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (consecutiveErrors <= 0)
        {
            return FeedHealthAction.None;
        }

        // Both conditions: a bot that was down for a week must not disable a feed that failed once before the outage.
        if (consecutiveErrors >= options.NotifyAfterFailures && failingSince is { } since && now - since > options.DisableAfter)
        {
            return FeedHealthAction.Disable;
        }

        return consecutiveErrors == options.NotifyAfterFailures ? FeedHealthAction.NotifyChannels : FeedHealthAction.None;
    }
}
