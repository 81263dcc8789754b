using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsBot.Storage;

/// <summary>Creates a short-lived context for the configured provider; every unit of work opens its own.</summary>
public sealed class DbFactory
{
    private readonly DbContextOptions<SqliteNewsBotDb>? _sqlite;
    private readonly DbContextOptions<PostgresNewsBotDb>? _postgres;

    public DbFactory(StorageOptions options)
        : this(options, [])
    {
    }

    /// <summary>With interceptors from the container (the metrics probe counts what saves commit).</summary>
    public DbFactory(StorageOptions options, IEnumerable<IInterceptor> interceptors)
    {
        var extra = interceptors.ToArray();
        Options = options;
        if (options.Provider == StorageProvider.Postgres)
        {
            _postgres = new DbContextOptionsBuilder<PostgresNewsBotDb>().UseNpgsql(options.ConnectionString).AddInterceptors(extra).Options;
        }
        else
        {
            _sqlite = new DbContextOptionsBuilder<SqliteNewsBotDb>()
                .UseSqlite(options.ConnectionString, o => o.CommandTimeout(30))
                .AddInterceptors([new SqlitePragmas(), new SqliteWriteGate(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource), .. extra])
                .Options;
        }
    }

    public StorageOptions Options { get; }

    public bool IsPostgres => _postgres is not null;

    public NewsBotDb Create() => _postgres is not null ? new PostgresNewsBotDb(_postgres) : new SqliteNewsBotDb(_sqlite!);

    /// <summary>Creates the SQLite folder if needed and applies pending migrations.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        if (_sqlite is not null)
        {
            var file = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir) && file != ":memory:")
            {
                Directory.CreateDirectory(dir);
            }
        }
        await using var db = Create();
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>Design-time factories so `dotnet ef migrations add` builds one set of migrations per provider.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNewsBotDb>
{
    public SqliteNewsBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNewsBotDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNewsBotDb>
{
    public PostgresNewsBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNewsBotDb>().UseNpgsql("Host=localhost;Database=newsbot").Options);
}
