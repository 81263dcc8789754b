using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsBot.Storage;

/// <summary>
/// Lets one writer at a time into a SQLite database, in process, before SQLite's own lock is asked for. SQLite admits
/// one writer; the others get SQLITE_BUSY and its busy handler puts their thread to sleep for 1 to 100 ms before asking
/// again, inside a synchronous call. With the poller's parallel refreshes, the delivery worker and the batched
/// reschedules all writing, that sleeping blocked thread-pool threads and left the lock idle between sleeps: the load
/// benchmark spent most of its time in BEGIN IMMEDIATE. Here a writer waits asynchronously (no thread held) and is let
/// in the moment the previous one commits. A transaction holds the gate from BEGIN to its end; a write outside one
/// (EF's single-statement saves, ExecuteUpdate, raw UPDATEs) for its statement. A wait longer than SQLite's busy
/// timeout goes ahead ungated, so a writer nested inside another's transaction still fails as before instead of
/// hanging. A lone statement waiting goes before a waiting transaction (<see cref="WriterQueue"/>). Other processes on the
/// same file are still kept apart by SQLite itself.
/// </summary>
internal sealed class SqliteWriteGate(string dataSource) : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    /// <summary>The same as the busy_timeout SqlitePragmas sets.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(SqlitePragmas.BusyTimeoutMs);

    private static readonly ConcurrentDictionary<string, WriterQueue> Gates = new(StringComparer.Ordinal);

    private readonly WriterQueue _gate = Gates.GetOrAdd(Path.GetFullPath(dataSource), _ => new WriterQueue());
    private readonly ConditionalWeakTable<DbConnection, Holder> _held = [];

    /// <summary>A finished transaction no longer knows its connection.</summary>
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _connections = [];

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatement(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatement(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    /// <summary>A write that returns rows (INSERT … RETURNING, UPDATE … RETURNING) commits when its reader is done.</summary>
    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveStatement(command);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, _gate.EnterAsync(urgent: false, MaxWait, default).GetAwaiter().GetResult(), Hold.Transaction);
        return result;
    }

    async ValueTask<InterceptionResult<DbTransaction>> IDbTransactionInterceptor.TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken)
    {
        Enter(connection, await _gate.EnterAsync(urgent: false, MaxWait, cancellationToken), Hold.Transaction);
        return result;
    }

    DbTransaction IDbTransactionInterceptor.TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _connections.AddOrUpdate(result, connection);
        return result;
    }

    ValueTask<DbTransaction> IDbTransactionInterceptor.TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken)
    {
        _connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(transaction));

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) => Leave(ConnectionOf(transaction));

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(ConnectionOf(transaction));

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) => Leave(ConnectionOf(transaction));

    void IDbTransactionInterceptor.TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(ConnectionOf(transaction));

    Task IDbTransactionInterceptor.TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken) => Leave(ConnectionOf(transaction));

    /// <summary>A transaction disposed without commit or rollback (an exception on the way) ends with its connection.</summary>
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    private DbConnection? ConnectionOf(DbTransaction transaction) =>
        _connections.TryGetValue(transaction, out var connection) ? connection : transaction.Connection;

    private void EnterForStatement(DbCommand command)
    {
        if (IsLoneWrite(command))
        {
            Enter(command.Connection!, _gate.EnterAsync(urgent: true, MaxWait, default).GetAwaiter().GetResult(), Hold.Statement);
        }
    }

    private async ValueTask EnterForStatementAsync(DbCommand command, CancellationToken ct)
    {
        if (IsLoneWrite(command))
        {
            Enter(command.Connection!, await _gate.EnterAsync(urgent: true, MaxWait, ct), Hold.Statement);
        }
    }

    private void LeaveStatement(DbCommand command)
    {
        if (command.Connection is { } connection && _held.TryGetValue(connection, out var holder) && holder.Hold == Hold.Statement)
        {
            Leave(connection);
        }
    }

    private void Enter(DbConnection connection, bool entered, Hold hold)
    {
        if (entered)
        {
            _held.GetOrCreateValue(connection).Hold = hold;
        }
    }

    private Task Leave(DbConnection? connection)
    {
        if (connection is not null && _held.TryGetValue(connection, out var holder) && holder.Hold != Hold.None)
        {
            holder.Hold = Hold.None;
            _gate.Exit();
        }
        return Task.CompletedTask;
    }

    /// <summary>A statement that writes and is not part of a transaction (which already holds the gate).</summary>
    private bool IsLoneWrite(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null || (_held.TryGetValue(command.Connection, out var h) && h.Hold != Hold.None))
        {
            return false;
        }
        var text = command.CommandText.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private enum Hold
    {
        None,
        Statement,
        Transaction,
    }

    private sealed class Holder
    {
        public Hold Hold { get; set; }
    }
}
