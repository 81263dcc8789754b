using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NewsBot.Storage;

/// <summary>One model for both providers; each provider has its own subclass so each keeps its own migrations.</summary>
public abstract class NewsBotDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Feed> Feeds => Set<Feed>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ChatChannel> Channels => Set<ChatChannel>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<OutboxEntry> Outbox => Set<OutboxEntry>();
    public DbSet<DigestSchedule> DigestSchedules => Set<DigestSchedule>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var model = modelBuilder;
        model.Entity<Feed>(e =>
        {
            e.ToTable("feeds");
            e.HasIndex(f => f.Url).IsUnique();
            e.HasIndex(f => f.NextCheckAt);
            e.Property(f => f.Url).HasMaxLength(2048);
            e.Property(f => f.ScheduleHints).HasMaxLength(NewsBot.Feeds.Scheduling.ScheduleHints.MaxStoredLength);
        });
        model.Entity<SigningKey>(e => e.ToTable("signing_keys"));
        model.Entity<Article>(e =>
        {
            e.ToTable("articles");
            e.HasIndex(a => new { a.FeedId, a.DedupeKey }).IsUnique();
            e.HasIndex(a => a.FirstSeenAt);
            e.HasIndex(a => a.StoryHash);
            e.Property(a => a.DedupeKey).HasMaxLength(128);
            e.HasOne(a => a.Feed).WithMany().HasForeignKey(a => a.FeedId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ChatChannel>(e =>
        {
            e.ToTable("channels");
            e.HasIndex(c => new { c.Platform, c.ExternalId, c.ThreadId }).IsUnique();
        });
        model.Entity<Subscription>(e =>
        {
            e.ToTable("subscriptions");
            e.HasIndex(s => new { s.ChannelId, s.FeedId });
            e.HasIndex(s => s.FeedId);
            e.HasOne(s => s.Channel).WithMany(c => c.Subscriptions).HasForeignKey(s => s.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(s => s.Feed).WithMany(f => f.Subscriptions).HasForeignKey(s => s.FeedId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OutboxEntry>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => new { o.ChannelId, o.ArticleId }).IsUnique();
            e.HasIndex(o => new { o.State, o.NextAttemptAt });
            e.Property(o => o.Nonce).HasMaxLength(25);
            e.HasOne(o => o.Channel).WithMany().HasForeignKey(o => o.ChannelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(o => o.Article).WithMany().HasForeignKey(o => o.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(o => o.MergedInto).WithMany().HasForeignKey(o => o.MergedIntoId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(o => o.MergedIntoId);
            e.Property(o => o.Topic).HasMaxLength(500);
        });
        model.Entity<Notice>(e =>
        {
            e.ToTable("notices");
            e.HasIndex(n => new { n.ChannelId, n.Key }).IsUnique();
            e.HasIndex(n => new { n.State, n.NextAttemptAt });
            e.Property(n => n.Key).HasMaxLength(200);
            e.Property(n => n.Text).HasMaxLength(2000);
            e.Property(n => n.Nonce).HasMaxLength(25);
            e.HasOne(n => n.Channel).WithMany().HasForeignKey(n => n.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DigestSchedule>(e =>
        {
            e.ToTable("digest_schedules");
            e.HasIndex(d => d.ChannelId).IsUnique();
            e.HasOne(d => d.Channel).WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        });

        var utc = new ValueConverter<DateTime, DateTime>(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(
            v => v.HasValue ? v.Value.ToUniversalTime() : v,
            v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                // snake_case columns, so the few raw SQL statements read the same on both providers.
                property.SetColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime))
                {
                    property.SetValueConverter(utc);
                }
                else if (property.ClrType == typeof(DateTime?))
                {
                    property.SetValueConverter(utcNullable);
                }
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && !char.IsUpper(name[i - 1]))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}

public sealed class SqliteNewsBotDb(DbContextOptions<SqliteNewsBotDb> options) : NewsBotDb(options)
{
    public override bool IsPostgres => false;
}

public sealed class PostgresNewsBotDb(DbContextOptions<PostgresNewsBotDb> options) : NewsBotDb(options)
{
    public override bool IsPostgres => true;
}
