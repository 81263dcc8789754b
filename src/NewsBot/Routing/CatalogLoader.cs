using Microsoft.EntityFrameworkCore;
using NewsBot.Commands;
using NewsBot.Storage;

namespace NewsBot.Routing;

/// <summary>
/// Imports the catalog at start: every feed listed becomes a polled feed (first fetch silent, as always) that topic
/// subscriptions and /news draw from even when no channel subscribed to it. Feeds dropped from the file lose the flag.
/// </summary>
public sealed class CatalogLoader(DbFactory dbs, CatalogOptions options, TimeProvider time, ILogger<CatalogLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Path;
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            logger.LogInformation("No feed catalog at {Path}; topics draw from subscribed feeds only", path);
            return;
        }
        var info = new FileInfo(path);
        if (info.Length > OpmlDocument.MaxBytes)
        {
            logger.LogWarning("Catalog {Path} is larger than {Max} bytes; ignored", path, OpmlDocument.MaxBytes);
            return;
        }
        if (!OpmlDocument.TryRead(await File.ReadAllBytesAsync(path, cancellationToken), out var feeds, out var error))
        {
            logger.LogWarning("Catalog {Path} ignored: {Error}", path, error);
            return;
        }
        var count = await ImportAsync(feeds, cancellationToken);
        logger.LogInformation("Catalog {Path}: {Count} feeds", path, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Marks exactly these feeds as the catalog, creating the ones not yet known; returns how many are in it.</summary>
    public async Task<int> ImportAsync(IReadOnlyList<OpmlFeed> feeds, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = dbs.Create();
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in feeds)
        {
            if (!FeedUrl.TryParse(item.Url, out var url, out var urlError))
            {
                logger.LogWarning("Catalog entry {Url} skipped: {Error}", item.Url, urlError);
                continue;
            }
            urls.Add(url.AbsoluteUri);
        }
        var known = await db.Feeds.Where(f => urls.Contains(f.Url) || f.IsCatalog).ToListAsync(ct);
        foreach (var feed in known)
        {
            feed.IsCatalog = urls.Contains(feed.Url);
        }
        foreach (var url in urls.Where(u => known.All(f => f.Url != u)))
        {
            var title = feeds.FirstOrDefault(f => FeedUrl.TryParse(f.Url, out var u, out _) && u.AbsoluteUri == url)?.Title;
            db.Feeds.Add(new Feed { Url = url, Title = title, IsCatalog = true, CreatedAt = now, NextCheckAt = now });
        }
        await db.SaveChangesAsync(ct);
        return urls.Count;
    }
}
