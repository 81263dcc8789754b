using System.Diagnostics.Metrics;

namespace NewsBot.Telemetry;

/// <summary>The "NewsBot" meter: what an operator watches to see whether one instance keeps up with its feeds.</summary>
public sealed class NewsBotMetrics
{
    public const string MeterName = "NewsBot";

    public NewsBotMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        FeedsPolled = Meter.CreateCounter<long>("newsbot.feeds.polled", "{check}", "Feed checks answered by the server (200 or 304) or failed");
        FetchErrors = Meter.CreateCounter<long>("newsbot.feeds.fetch_errors", "{error}", "Feed checks that failed: network error, timeout or an error status");
        ArticlesStored = Meter.CreateCounter<long>("newsbot.articles.stored", "{article}", "New articles stored");
        PostsSent = Meter.CreateCounter<long>("newsbot.posts.sent", "{post}", "Posts the platforms accepted");
        PollLatency = Meter.CreateHistogram<double>("newsbot.feeds.poll_latency", "s", "Time from request to response headers of one feed check");
    }

    public Meter Meter { get; }

    public Counter<long> FeedsPolled { get; }

    public Counter<long> FetchErrors { get; }

    public Counter<long> ArticlesStored { get; }

    public Counter<long> PostsSent { get; }

    public Histogram<double> PollLatency { get; }
}
