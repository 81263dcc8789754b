using NewsBot.Storage;

namespace NewsBot.Tests.Support;

/// <summary>
/// The storage a provider-parameterised test runs on: a temporary SQLite file or a fresh PostgreSQL database.
/// Tests take the provider name as a theory parameter ("Sqlite" or "Postgres").
/// </summary>
public sealed class PostgresOrSqlite : IAsyncDisposable
{
    // Always there: it is the SQLite database, or just the folder for the test's other files.
    private readonly TempDatabase _sqlite = new();
    private readonly PostgresDatabase? _postgres;

    private PostgresOrSqlite(PostgresDatabase? postgres) => _postgres = postgres;

    public StorageProvider Provider => _postgres is null ? StorageProvider.Sqlite : StorageProvider.Postgres;

    public string ConnectionString => _postgres?.ConnectionString ?? _sqlite.ConnectionString;

    /// <summary>A folder for files the test writes besides the database.</summary>
    public string Folder => _sqlite.Folder;

    public static async Task<PostgresOrSqlite> CreateAsync(string provider) =>
        Enum.Parse<StorageProvider>(provider) == StorageProvider.Postgres
            ? new PostgresOrSqlite(await PostgresDatabase.CreateAsync())
            : new PostgresOrSqlite(null);

    public StorageOptions Options => new() { Provider = Provider, ConnectionString = ConnectionString };

    public async Task<DbFactory> MigratedAsync()
    {
        var factory = new DbFactory(Options);
        await factory.MigrateAsync(default);
        return factory;
    }

    /// <summary>TestHost.Settings pointed at this database.</summary>
    public Dictionary<string, string?> HostSettings(params (string Key, string? Value)[] extra)
    {
        var settings = TestHost.Settings(_sqlite, extra);
        settings["Storage:Provider"] = Provider.ToString();
        settings["Storage:ConnectionString"] = ConnectionString;
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        _sqlite.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
