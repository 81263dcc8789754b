using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsBot.Storage;

/// <summary>WAL lets the poller and the delivery worker read while the other writes; busy_timeout waits instead of failing.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>How long a writer waits for SQLite's lock (SqliteWriteGate waits as long for its own turn).</summary>
    internal const int BusyTimeoutMs = 10_000;

    private static readonly string Pragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={BusyTimeoutMs}; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }
}
