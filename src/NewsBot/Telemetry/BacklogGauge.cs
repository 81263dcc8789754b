using System.Diagnostics.Metrics;
using NewsBot.Storage;

namespace NewsBot.Telemetry;

/// <summary>
/// The delivery backlog as an observable gauge. It is read from the database when an exporter collects (once per
/// export interval), so it is the cluster's backlog, the same number on every instance.
/// </summary>
public sealed class BacklogGauge(NewsBotMetrics metrics, DbFactory dbs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("newsbot.delivery.backlog", Read, "{post}", "Posts waiting to be sent (pending, not yet in a digest)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Read()
    {
        long count;
        try
        {
            using var db = dbs.Create();
            count = db.Outbox.LongCount(o => o.State == OutboxState.Pending);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            // An unreachable database shows up in /readyz; the gauge just skips this collection.
            yield break;
        }
        yield return new Measurement<long>(count);
    }
}
