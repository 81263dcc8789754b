using System.Globalization;
using NewsBot.Storage;

namespace NewsBot.Benchmarks.Load;

/// <summary>The command line of a load run.</summary>
/// <param name="Concurrency">Worker:FeedConcurrency per instance (and the per-host limit, as all feeds share one host).</param>
/// <param name="Channels">Console channels the feeds are spread over, each subscribed to Feeds/Channels of them.</param>
internal sealed record LoadSettings(int Feeds, double Minutes, TimeSpan Interval, StorageProvider Provider, int Instances, int Concurrency, int Channels)
{
    public static LoadSettings Parse(string[] args)
    {
        var s = new LoadSettings(10_000, 2, TimeSpan.FromSeconds(30), StorageProvider.Sqlite, 1, 32, 100);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"{args[i]} needs a value");
            s = args[i] switch
            {
                "--feeds" => s with { Feeds = Positive(int.Parse(value, CultureInfo.InvariantCulture), "--feeds") },
                "--minutes" => s with { Minutes = double.Parse(value, CultureInfo.InvariantCulture) },
                "--interval" => s with { Interval = TimeSpan.Parse(value, CultureInfo.InvariantCulture) },
                "--provider" => s with
                {
                    Provider = value.ToLowerInvariant() switch
                    {
                        "sqlite" => StorageProvider.Sqlite,
                        "postgres" or "postgresql" => StorageProvider.Postgres,
                        _ => throw new FormatException($"--provider must be sqlite or postgres, not '{value}'"),
                    },
                },
                "--instances" => s with { Instances = value is "1" or "2" ? int.Parse(value, CultureInfo.InvariantCulture) : throw new FormatException("--instances must be 1 or 2") },
                "--concurrency" => s with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) is var c and >= 1 and <= 64 ? c : throw new FormatException("--concurrency must be 1 to 64 (the per-host limit's range)") },
                "--channels" => s with { Channels = Positive(int.Parse(value, CultureInfo.InvariantCulture), "--channels") },
                _ => throw new FormatException($"unknown option '{args[i]}' (--feeds, --minutes, --interval, --provider, --instances, --concurrency, --channels)"),
            };
            i++;
        }
        if (s.Instances == 2 && s.Provider != StorageProvider.Postgres)
        {
            throw new FormatException("--instances 2 needs --provider postgres (SQLite is single-instance)");
        }
        return s with { Channels = Math.Min(s.Channels, s.Feeds) };
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new FormatException($"{name} must be positive");
}
