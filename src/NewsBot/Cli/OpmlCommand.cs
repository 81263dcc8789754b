using NewsBot.Commands;
using NewsBot.Routing;

namespace NewsBot.Cli;

/// <summary>`opml import &lt;file&gt; [--channel platform:id]` and `opml export [--channel platform:id] [file]`.</summary>
public static class OpmlCommand
{
    public const string Usage = "usage: opml import <file> [--channel <platform:id>] | opml export [--channel <platform:id>] [file]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var verb = args.Count > 0 ? args[0] : "";
        if (verb is not ("import" or "export"))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
        var channel = ChannelRef.DefaultConsole;
        string? file = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--channel" && i + 1 < args.Count)
            {
                if (!ChannelRef.TryParse(args[++i], out channel, out var channelError))
                {
                    await stderr.WriteLineAsync(channelError);
                    return 2;
                }
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
            {
                await stderr.WriteLineAsync($"unexpected '{args[i]}'; {Usage}");
                return 2;
            }
            else
            {
                file = args[i];
            }
        }
        var subscriptions = services.GetRequiredService<SubscriptionService>();
        return verb == "import"
            ? await ImportAsync(file, channel, subscriptions, stdout, stderr, ct)
            : await ExportAsync(file, channel, subscriptions, services.GetRequiredService<TimeProvider>(), stdout, stderr, ct);
    }

    private static async Task<int> ImportAsync(string? file, ChannelRef channel, SubscriptionService subscriptions, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (file is null)
        {
            await stderr.WriteLineAsync($"which file? {Usage}");
            return 2;
        }
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"no such file: {file}");
            return 1;
        }
        if (new FileInfo(file).Length > OpmlDocument.MaxBytes)
        {
            await stderr.WriteLineAsync($"{file}: the OPML file is larger than {OpmlDocument.MaxBytes / 1024} KB");
            return 1;
        }
        if (!OpmlDocument.TryRead(await File.ReadAllBytesAsync(file, ct), out var feeds, out var error))
        {
            await stderr.WriteLineAsync($"{file}: {error}");
            return 1;
        }
        var result = await subscriptions.ImportAsync(channel, feeds, ct);
        foreach (var problem in result.Problems)
        {
            await stderr.WriteLineAsync($"skipped {problem}");
        }
        await stdout.WriteLineAsync($"imported {result.Added} feeds into {channel} ({result.AlreadySubscribed} already subscribed, {result.Problems.Count} skipped)");
        return 0;
    }

    private static async Task<int> ExportAsync(string? file, ChannelRef channel, SubscriptionService subscriptions, TimeProvider time, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var feeds = await subscriptions.ExportAsync(channel, ct);
        var bytes = OpmlDocument.Write($"NewsBot subscriptions of {channel}", feeds, time.GetUtcNow());
        if (file is null)
        {
            await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
            await stdout.WriteLineAsync();
            return 0;
        }
        try
        {
            await File.WriteAllBytesAsync(file, bytes, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"cannot write {file}: {e.Message}");
            return 1;
        }
        await stdout.WriteLineAsync($"exported {feeds.Count} feeds of {channel} to {file}");
        return 0;
    }
}
