using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Console;
using NewsBot.Cli;
using NewsBot.Commands;
using NewsBot.ConsoleChannel;
using NewsBot.Delivery;
using NewsBot.Digests;
using NewsBot.DiscordBot;
using NewsBot.Feeds;
using NewsBot.Feeds.Fetching;
using NewsBot.Feeds.FullText;
using NewsBot.Polling;
using NewsBot.Routing;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Telegram;
using NewsBot.Telemetry;
using NewsBot.Web;
using NewsBot.Web.Panel;

namespace NewsBot.Hosting;

/// <summary>Composition root and verb dispatch: `run` (default), `preview`, `feeds`, `opml`.</summary>
public static class NewsBotApp
{
    public static async Task<int> RunAsync(string[] args, HostOverrides? overrides = null, CancellationToken ct = default)
    {
        overrides ??= new HostOverrides();
        var stdout = overrides.Stdout ?? Console.Out;
        var stderr = overrides.Stderr ?? Console.Error;
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && verb == args[0] ? args[1..] : args;
        try
        {
            var app = Build(verb == "run" ? rest : [], overrides, out var error);
            if (app is null)
            {
                await stderr.WriteLineAsync($"newsbot: configuration error: {error}");
                return 2;
            }
            await using (app)
            {
                switch (verb)
                {
                    case "run":
                        await app.RunAsync(ct);
                        return 0;
                    case "preview":
                        return await PreviewCommand.RunAsync(rest, app.Services, stdout, ct);
                    case "feeds":
                        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(ct);
                        return await FeedsCommand.RunAsync(rest, app.Services, stdout, stderr, ct);
                    case "opml":
                        await app.Services.GetRequiredService<DbFactory>().MigrateAsync(ct);
                        return await OpmlCommand.RunAsync(rest, app.Services, stdout, stderr, ct);
                    default:
                        await stderr.WriteLineAsync($"newsbot: unknown command '{verb}'. Commands: run (default), preview, feeds, opml");
                        return 2;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Start-up failures (database unreachable, port taken) are reported as one line, not a stack trace.
            await stderr.WriteLineAsync($"newsbot: {Describe(e)}");
            return 1;
        }
    }

    /// <summary>Builds the host with every service registered; null (and the reason) when configuration is invalid.</summary>
    public static WebApplication? Build(string[] configArgs, HostOverrides overrides, out string? error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configArgs, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(NewsBotApp).Assembly.GetName().Name });
        if (overrides.Settings.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(overrides.Settings);
        }
        var (options, problem) = ConfigValidator.Validate(builder.Configuration);
        error = problem;
        if (problem is not null)
        {
            return null;
        }

        // Standard output carries posts and JSON Lines; logs go to standard error.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });

        var web = (WebOptions)options[typeof(WebOptions)];
        builder.WebHost.UseUrls(web.Urls);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));

        AddServices(builder.Services, builder.Configuration, options, overrides);
        overrides.Services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UsePanel();
        app.MapNewsBotWeb();
        app.MapTelegram();
        app.MapDiscordInteractions();
        return app;
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration, Dictionary<Type, object> options, HostOverrides overrides)
    {
        foreach (var (type, value) in options)
        {
            services.AddSingleton(type, value);
        }
        var feeds = (FeedsOptions)options[typeof(FeedsOptions)];
        var worker = (WorkerOptions)options[typeof(WorkerOptions)];
        var console = (ConsoleOptions)options[typeof(ConsoleOptions)];

        services.AddSingleton(TimeProvider.System);
        // Stable across restarts (machine + listen address), so a restarted instance takes its own claims back at once
        // instead of waiting for them to expire; distinct for several instances on one machine (Web:Urls differs).
        var web = (WebOptions)options[typeof(WebOptions)];
        var ephemeralPort = web.Urls.Split(';').Any(u => u.TrimEnd('/').EndsWith(":0", StringComparison.Ordinal));
        var instanceName = new InstanceName(worker.InstanceId
            ?? (ephemeralPort ? $"{Environment.MachineName}|{Environment.ProcessId}|{Guid.NewGuid().ToString("N")[..8]}" : $"{Environment.MachineName}|{web.Urls}"));
        services.AddSingleton(instanceName);
        services.AddSingleton<DbFactory>();

        // No factory logging handlers: at Information they would write four lines per feed check, and filtered out they
        // still allocate half a kilobyte per request (Polling/CheckBenchmarks). FeedRefresher and FeedCheckRecorder log
        // what a check meant; the metrics handler still times every request.
        services.AddHttpClient("feeds", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => FeedHttpHandler.Create(feeds))
            .RemoveAllLoggers();
        services.AddSingleton(sp => new FeedFetcher(sp.GetRequiredService<IHttpClientFactory>().CreateClient("feeds"), feeds, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NewsBot.Display.MediaDownloader>();

        var summaries = (SummariesOptions)options[typeof(SummariesOptions)];
        services.AddSingleton<ExtractiveSummarizer>();
        if (summaries.Provider == SummaryProvider.Llm)
        {
            // The LLM summarizer always falls back to the extractive one (timeout, error, garbage answer).
            services.AddSingleton<IChatClient>(_ => ChatClientFactory.Create(summaries.Llm));
            services.AddSingleton<LlmArticleSummarizer>();
            services.AddSingleton<IArticleSummarizer>(sp => sp.GetRequiredService<LlmArticleSummarizer>());
        }
        else
        {
            services.AddSingleton<IArticleSummarizer, ExtractiveArticleSummarizer>();
        }
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<ArticlePageReader>();
        services.AddSingleton<FullTextFetch>();
        services.AddSingleton<SummaryTranslations>();
        services.AddSingleton<Router>();
        services.AddSingleton<FeedCheckRecorder>();
        services.AddSingleton<FeedRefresher>();
        services.AddSingleton<ArticlePruner>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<DeliverySignal>();

        var platformConfigured = !string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) || !string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]);
        if (console.Enabled ?? !platformConfigured)
        {
            services.AddSingleton(new ConsoleOutput(overrides.Stdout ?? Console.Out));
            services.AddSingleton<IChannelSender, ConsoleSender>();
        }

        // Hosted services start in registration order: storage first, then the workers.
        services.AddHostedService<StartupMigrator>();
        services.AddSingleton<MergedSourceEdits>();
        services.AddSingleton<NoticeDelivery>();
        services.AddHostedService<DeliveryWorker>();
        services.AddNewsBotTelemetry((TelemetryOptions)options[typeof(TelemetryOptions)]);
        // Quartz (and on PostgreSQL its schema) before the digest start-up, which asks the scheduler for triggers.
        services.AddNewsBotQuartz((StorageOptions)options[typeof(StorageOptions)], worker, instanceName);
        services.AddTopicsAndDigests();
        services.AddTelegram(configuration);
        services.AddDiscord(configuration);
        services.AddPanel((PanelOptions)options[typeof(PanelOptions)]);
    }

    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner is AggregateException or InvalidOperationException && inner.InnerException is { } next)
        {
            inner = next;
        }
        return inner.Message.Split('\n')[0].Trim();
    }
}
