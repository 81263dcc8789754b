using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NewsBot.Storage;

namespace NewsBot.Telemetry;

/// <summary>
/// Counts stored articles and sent posts from what a save actually commits, so the pipeline code stays metric-free
/// and a save that fails counts nothing.
/// </summary>
public sealed class StorageMetricsInterceptor(NewsBotMetrics metrics) : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public int Articles;
        public int Sent;
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Count(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var pending = new Pending();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is Article && entry.State == EntityState.Added)
            {
                pending.Articles++;
            }
            else if (entry.Entity is OutboxEntry post && post.State == OutboxState.Sent
                && (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(nameof(OutboxEntry.State)).OriginalValue is not OutboxState.Sent)))
            {
                pending.Sent++;
            }
        }
        _pending.AddOrUpdate(context, pending);
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        if (pending.Articles > 0)
        {
            metrics.ArticlesStored.Add(pending.Articles);
        }
        if (pending.Sent > 0)
        {
            metrics.PostsSent.Add(pending.Sent);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
