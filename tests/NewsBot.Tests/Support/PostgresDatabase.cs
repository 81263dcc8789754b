using Npgsql;

namespace NewsBot.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database for one test, created on the server named by NEWSBOT_TEST_POSTGRES and dropped
/// afterwards. Without that variable the test is skipped with a message outside CI, and fails inside CI, so a CI run
/// can never pass by silently leaving PostgreSQL out.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "NEWSBOT_TEST_POSTGRES";

    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The server's connection string, or a skip (outside CI) or failure (inside CI) when it is not set.</summary>
    public static string RequireServer()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{Variable} is not set: CI must run the PostgreSQL variants (.ci/run starts a server and sets it)");
        }
        Skip.If(true, $"PostgreSQL variant skipped: {Variable} is not set (source .ci/postgres.sh to run it)");
        return "";
    }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = RequireServer();
        var db = new PostgresDatabase(server, "newsbot_test_" + Guid.NewGuid().ToString("N"));
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{db.Name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the test still point at the database; clear them so the drop does not wait.
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var conn = new NpgsqlConnection(_server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A leftover test database is harmless on a throwaway server.
        }
    }
}
