using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsBot.Commands;
using NewsBot.Feeds.FullText;
using NewsBot.Storage;

namespace NewsBot.Cli;

/// <summary>`feeds add &lt;url&gt; [--channel platform:id] [--interval 5m] [--full-text auto|always|never]`, `feeds list`, `feeds remove &lt;url|id&gt;`.</summary>
public static class FeedsCommand
{
    public const string Usage = "usage: feeds add <url> [--channel <platform:id>] [--interval <timespan>] [--full-text auto|always|never] | feeds list | feeds remove <url|id>";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        switch (args.Count > 0 ? args[0] : "")
        {
            case "add":
                return await AddAsync(args.Skip(1).ToList(), services, stdout, stderr, ct);
            case "list":
                return await ListAsync(services, stdout, ct);
            case "remove" when args.Count == 2:
                return await RemoveAsync(args[1], services, stdout, stderr, ct);
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> AddAsync(List<string> args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        string? url = null;
        var channel = ChannelRef.DefaultConsole;
        TimeSpan? interval = null;
        FullTextMode? fullText = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--channel" when i + 1 < args.Count:
                    if (!ChannelRef.TryParse(args[++i], out channel, out var channelError))
                    {
                        await stderr.WriteLineAsync(channelError);
                        return 2;
                    }
                    break;
                case "--interval" when i + 1 < args.Count:
                    if (!Durations.TryParse(args[++i], out var parsed))
                    {
                        await stderr.WriteLineAsync($"'{args[i]}' is not an interval; use e.g. 30s, 5m, 1h or 00:15:00");
                        return 2;
                    }
                    interval = parsed;
                    break;
                case "--full-text" when i + 1 < args.Count:
                    if (!FullTextModes.TryParse(args[++i], out var mode))
                    {
                        await stderr.WriteLineAsync($"'{args[i]}' is not a full-text mode; use auto, always or never");
                        return 2;
                    }
                    fullText = mode;
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await stderr.WriteLineAsync($"unknown or incomplete option {a}; {Usage}");
                    return 2;
                default:
                    if (url is not null)
                    {
                        await stderr.WriteLineAsync($"one URL at a time; {Usage}");
                        return 2;
                    }
                    url = args[i];
                    break;
            }
        }
        if (url is null)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var result = await services.GetRequiredService<SubscriptionService>().SubscribeAsync(new SubscribeRequest(channel, url, Interval: interval, FullText: fullText), ct);
        if (!result.Ok)
        {
            await stderr.WriteLineAsync(result.Message);
            return 1;
        }
        await stdout.WriteLineAsync($"{result.Message} → {channel} (feed #{result.FeedId}, {result.FeedUrl})");
        return 0;
    }

    private static async Task<int> ListAsync(IServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<DbFactory>().Create();
        var feeds = await db.Feeds.Include(f => f.Subscriptions).ThenInclude(s => s.Channel).OrderBy(f => f.Id).ToListAsync(ct);
        if (feeds.Count == 0)
        {
            await stdout.WriteLineAsync("no feeds yet; add one with: feeds add <url>");
            return 0;
        }
        foreach (var f in feeds)
        {
            var state = f.DisabledAt is not null ? "disabled" : f.ErrorCount > 0 ? $"failing ×{f.ErrorCount}: {f.LastError}" : "ok";
            var channels = string.Join(", ", f.Subscriptions.Select(s => $"{s.Channel!.Platform}:{s.Channel.ExternalId}{(s.Mode == DeliveryMode.Digest ? " (digest)" : "")}"));
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"#{f.Id} {f.Title ?? "(untitled)"}\n    {f.Url}\n    every {f.Interval?.ToString() ?? "default"}; full text {FullTextModes.Name(f.FullText)}; next check {f.NextCheckAt:yyyy-MM-dd HH:mm:ss} UTC; {state}\n    → {(channels.Length == 0 ? "no channels" : channels)}"));
        }
        return 0;
    }

    private static async Task<int> RemoveAsync(string urlOrId, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<DbFactory>().Create();
        Feed? feed = null;
        if (long.TryParse(urlOrId, out var id))
        {
            feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == id, ct);
        }
        else if (FeedUrl.TryParse(urlOrId, out var url, out _))
        {
            feed = await db.Feeds.SingleOrDefaultAsync(f => f.Url == url.AbsoluteUri, ct);
        }
        if (feed is null)
        {
            await stderr.WriteLineAsync($"no feed matches '{urlOrId}'; see: feeds list");
            return 1;
        }
        db.Feeds.Remove(feed);
        await db.SaveChangesAsync(ct);
        await stdout.WriteLineAsync($"removed #{feed.Id} {feed.Title ?? feed.Url} and its subscriptions");
        return 0;
    }
}
