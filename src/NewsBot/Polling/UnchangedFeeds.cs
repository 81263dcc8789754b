using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsBot.Storage;

namespace NewsBot.Polling;

/// <summary>
/// The reschedules of feeds that answered 304, written for many feeds in one statement instead of one tracked entity
/// and one transaction per feed: a check that changes nothing costs the request and a share of one UPDATE. A feed's
/// claim is released by the same statement, and only where this instance still holds it (a feed taken over meanwhile
/// is left to whoever took it). Until it is written, a feed stays claimed: a crash costs one more check, never a
/// lost article, as a 304 carried nothing to store. Each reschedule is written well inside its claim's life (by a
/// timer when no other check comes along), or the feed would look abandoned and be polled again elsewhere.
/// </summary>
public sealed class UnchangedFeeds(DbFactory dbs, string instance, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>Rows per statement: ~1,000 SQLite parameters, well below its limit, and one round trip per 500 checks.</summary>
    internal const int Chunk = 500;

    /// <summary>A reschedule waits at most this long for others to share its statement.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private List<(long Id, DateTime Next)> _pending = [];
    private DateTime _writeBy = DateTime.MaxValue;
    private ITimer? _timer;

    /// <summary>Rescheduled so far (written).</summary>
    public int Written { get; private set; }

    /// <summary>
    /// Queues a reschedule, to be written within <see cref="MaxWait"/> and within half of what is left of its claim
    /// (<paramref name="claimUntil"/>); writes the queue now when it is a full chunk or that moment has come.
    /// </summary>
    public async Task AddAsync(long feedId, DateTime next, DateTime claimUntil, CancellationToken ct)
    {
        List<(long, DateTime)>? due = null;
        var now = time.GetUtcNow().UtcDateTime;
        var left = claimUntil - now;
        var writeBy = now + (left <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxWait.Ticks, left.Ticks / 2)));
        lock (_gate)
        {
            _pending.Add((feedId, next));
            _writeBy = writeBy < _writeBy ? writeBy : _writeBy;
            if (_pending.Count >= Chunk || now >= _writeBy)
            {
                due = Take();
            }
            else
            {
                _timer ??= time.CreateTimer(_ => _ = FlushAsync(CancellationToken.None), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(_writeBy - now, Timeout.InfiniteTimeSpan);
            }
        }
        if (due is not null)
        {
            await WriteAsync(due, ct);
        }
    }

    /// <summary>Writes whatever is queued. At shutdown pass CancellationToken.None: these checks happened.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        List<(long, DateTime)> rest;
        lock (_gate)
        {
            rest = Take();
        }
        await WriteAsync(rest, ct);
    }

    public void Dispose() => _timer?.Dispose();

    private List<(long, DateTime)> Take()
    {
        var taken = _pending;
        _pending = [];
        _writeBy = DateTime.MaxValue;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return taken;
    }

    private async Task WriteAsync(List<(long Id, DateTime Next)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            await using var db = dbs.Create();
            var written = 0;
            for (var start = 0; start < rows.Count; start += Chunk)
            {
                var chunk = rows.GetRange(start, Math.Min(Chunk, rows.Count - start));
                written += db.IsPostgres ? await WritePostgresAsync(db, chunk, now, ct) : await WriteSqliteAsync(db, chunk, now, ct);
            }
            lock (_gate)
            {
                Written += written;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The feeds stay claimed until Worker:ClaimTimeout and are checked again then: one extra request each.
            logger.LogError(e, "Rescheduling {Count} unchanged feeds failed; they are checked again after their claim expires", rows.Count);
        }
    }

    /// <summary>The same columns a successful check sets through the tracked path (FeedCheckRecorder.RecordSuccess).</summary>
    private const string SetSucceeded =
        "last_checked_at = {0}, last_success_at = {0}, error_count = 0, last_error = NULL, failing_since = NULL, "
        + "error_notified_at = NULL, claimed_by = NULL, claimed_until = NULL";

    private Task<int> WritePostgresAsync(NewsBotDb db, List<(long Id, DateTime Next)> rows, DateTime now, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var next = rows.Select(r => DateTime.SpecifyKind(r.Next, DateTimeKind.Utc)).ToArray();
        var sql = $"""
            UPDATE feeds AS f SET next_check_at = v.next, {SetSucceeded}
            FROM unnest({"{2}"}::bigint[], {"{3}"}::timestamptz[]) AS v(id, next)
            WHERE f.id = v.id AND f.claimed_by = {"{1}"}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, [DateTime.SpecifyKind(now, DateTimeKind.Utc), instance, ids, next], ct);
    }

    /// <summary>SQLite has no arrays: one CASE over the chunk's ids, which its primary key index finds.</summary>
    private Task<int> WriteSqliteAsync(NewsBotDb db, List<(long Id, DateTime Next)> rows, DateTime now, CancellationToken ct)
    {
        var sql = new StringBuilder("UPDATE feeds SET next_check_at = CASE id");
        var parameters = new List<object>(rows.Count * 2 + 2) { now, instance };
        foreach (var (id, next) in rows)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {{{parameters.Count}}} THEN {{{parameters.Count + 1}}}");
            parameters.Add(id);
            parameters.Add(next);
        }
        sql.Append(" END, ").Append(SetSucceeded).Append(" WHERE claimed_by = {1} AND id IN (");
        for (var i = 0; i < rows.Count; i++)
        {
            sql.Append(i == 0 ? "" : ",").Append('{').Append(2 + i * 2).Append('}');
        }
        sql.Append(')');
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }
}
