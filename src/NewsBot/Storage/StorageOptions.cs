using System.ComponentModel.DataAnnotations;

namespace NewsBot.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/newsbot.db";

    /// <summary>Article bodies older than this are pruned; the rows stay as tombstones so nothing is re-posted.</summary>
    public TimeSpan ArticleRetention { get; set; } = TimeSpan.FromDays(30);
}
