using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;
using Quartz;

namespace NewsBot.Web;

/// <summary>Ready means: the database answers, every migration is applied, and the schedulers are running.</summary>
public static class Readiness
{
    public static async Task<(bool Ready, string Detail)> CheckAsync(DbFactory dbs, ISchedulerFactory schedulers, CancellationToken ct)
    {
        try
        {
            await using var db = dbs.Create();
            if (!await db.Database.CanConnectAsync(ct))
            {
                return (false, "database unreachable");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            if (pending > 0)
            {
                return (false, $"database not migrated ({pending} pending)");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (false, "database: " + e.Message.Split('\n')[0]);
        }

        var all = await schedulers.GetAllSchedulers(ct);
        if (all.Count == 0)
        {
            return (false, "scheduler not started");
        }
        foreach (var scheduler in all)
        {
            if (scheduler.Status != SchedulerStatus.Running)
            {
                return (false, $"scheduler {scheduler.SchedulerName} is {scheduler.Status}");
            }
        }
        return (true, "ready");
    }
}
