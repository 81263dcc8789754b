using System.Diagnostics;
using System.Net;

namespace NewsBot.Telemetry;

/// <summary>Counts feed checks and their latency on the "feeds" HttpClient, so the fetcher itself stays metric-free.</summary>
public sealed class FetchMetricsHandler(NewsBotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var outcome = response.StatusCode == HttpStatusCode.NotModified ? "not_modified"
                : response.IsSuccessStatusCode ? "ok"
                : (int)response.StatusCode is >= 300 and < 400 ? "redirect"
                : "error";
            Record(outcome, started);
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Record(cancellationToken.IsCancellationRequested ? "cancelled" : "error", started);
            throw;
        }
    }

    private void Record(string outcome, long started)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        if (outcome != "redirect" && outcome != "cancelled")
        {
            metrics.FeedsPolled.Add(1, tag);
        }
        if (outcome == "error")
        {
            metrics.FetchErrors.Add(1);
        }
        metrics.PollLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
    }
}
