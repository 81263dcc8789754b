using System.ComponentModel.DataAnnotations;
using NewsBot.Feeds;
using NewsBot.Storage;
using NewsBot.Summaries;
using NewsBot.Telemetry;
using NewsBot.Web;

namespace NewsBot.Hosting;

/// <summary>
/// Binds and checks every options section before anything starts, so a bad value stops start-up with one line that
/// names the key instead of a stack trace from deep inside the host.
/// </summary>
public static class ConfigValidator
{
    public sealed record Section(string Name, Type Type, Func<object, IEnumerable<string>>? Rules = null);

    public static List<Section> Sections { get; } =
    [
        new(StorageOptions.Section, typeof(StorageOptions), o => StorageRules((StorageOptions)o)),
        new(FeedsOptions.Section, typeof(FeedsOptions), o => FeedRules((FeedsOptions)o)),
        new(SummariesOptions.Section, typeof(SummariesOptions), o => SummaryRules((SummariesOptions)o)),
        new(WorkerOptions.Section, typeof(WorkerOptions), o => WorkerRules((WorkerOptions)o)),
        new(ConsoleOptions.Section, typeof(ConsoleOptions)),
        new(WebOptions.Section, typeof(WebOptions), o => WebRules((WebOptions)o)),
        new(StatusPageOptions.Section, typeof(StatusPageOptions), o => StatusPageOptions.Rules((StatusPageOptions)o)),
        new(Web.Panel.PanelOptions.Section, typeof(Web.Panel.PanelOptions), o => Web.Panel.PanelOptions.Rules((Web.Panel.PanelOptions)o)),
        new(TelemetryOptions.Section, typeof(TelemetryOptions), o => TelemetryOptions.Rules((TelemetryOptions)o)),
        new(Routing.QuotasOptions.Section, typeof(Routing.QuotasOptions), o => Routing.QuotasOptions.Rules((Routing.QuotasOptions)o)),
        new(Routing.CatalogOptions.Section, typeof(Routing.CatalogOptions)),
        new(NewsBot.Telegram.TelegramOptions.Section, typeof(NewsBot.Telegram.TelegramOptions), o => NewsBot.Telegram.TelegramOptions.Rules((NewsBot.Telegram.TelegramOptions)o)),
        new(NewsBot.Discord.DiscordOptions.SectionName, typeof(NewsBot.Discord.DiscordOptions), o => DiscordBot.DiscordBotOptions.ClientRules((NewsBot.Discord.DiscordOptions)o)),
        new(DiscordBot.DiscordBotOptions.Section, typeof(DiscordBot.DiscordBotOptions), o => DiscordBot.DiscordBotOptions.Rules((DiscordBot.DiscordBotOptions)o)),
    ];

    /// <summary>Returns the bound, valid options by type, or the first problem as one line.</summary>
    public static (Dictionary<Type, object> Options, string? Error) Validate(IConfiguration configuration)
    {
        var bound = new Dictionary<Type, object>();
        foreach (var section in Sections)
        {
            object value;
            try
            {
                value = configuration.GetSection(section.Name).Get(section.Type) ?? Activator.CreateInstance(section.Type)!;
            }
            catch (InvalidOperationException e)
            {
                return (bound, BindingError(section.Name, e));
            }
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            {
                var r = results[0];
                return (bound, $"{section.Name}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}");
            }
            var rule = section.Rules?.Invoke(value).FirstOrDefault();
            if (rule is not null)
            {
                return (bound, $"{section.Name}:{rule}");
            }
            bound[section.Type] = value;
        }
        return (bound, CrossSectionRule(bound));
    }

    /// <summary>A feed claim is renewed just before its refresh starts, so it must outlive one whole refresh.</summary>
    private static string? CrossSectionRule(Dictionary<Type, object> bound)
    {
        var worker = (WorkerOptions)bound[typeof(WorkerOptions)];
        var feeds = (FeedsOptions)bound[typeof(FeedsOptions)];
        var summaries = (SummariesOptions)bound[typeof(SummariesOptions)];
        var discord = (NewsBot.Discord.DiscordOptions)bound[typeof(NewsBot.Discord.DiscordOptions)];
        if (((Web.Panel.PanelOptions)bound[typeof(Web.Panel.PanelOptions)]).Discord.Enabled && string.IsNullOrWhiteSpace(discord.BotToken))
        {
            // Manage Server is re-checked with the bot's own view of the guild, never taken from the sign-in alone.
            return "Web:Discord:ClientId: Discord sign-in needs Discord:BotToken, the bot checks who manages each server";
        }
        if (worker.ClaimTimeout > Polling.RefreshBudget.Of(feeds, summaries))
        {
            return null;
        }
        var llm = summaries.Provider == SummaryProvider.Llm ? $" plus three times Summaries:Llm:Timeout ({summaries.Llm.Timeout})" : "";
        return $"Worker:ClaimTimeout: {worker.ClaimTimeout} must be longer than one refresh: Feeds:Timeout ({feeds.Timeout}) plus Feeds:FullTextTimeout ({feeds.FullTextTimeout}){llm}";
    }

    private static string BindingError(string section, InvalidOperationException e)
    {
        // "Failed to convert configuration value '…' at 'Feeds:DefaultInterval' to type 'System.TimeSpan'."
        var message = e.Message;
        var at = message.IndexOf("at '", StringComparison.Ordinal);
        if (at >= 0)
        {
            var end = message.IndexOf('\'', at + 4);
            var key = message[(at + 4)..end];
            var type = message.Contains("TimeSpan", StringComparison.Ordinal) ? "a time span such as 00:15:00"
                : message.Contains("Int", StringComparison.Ordinal) ? "a whole number"
                : message.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : message.Contains("Uri", StringComparison.Ordinal) ? "an absolute URL"
                : "a valid value";
            return $"{key}: expected {type}";
        }
        return $"{section}: {message.Split('\n')[0]}";
    }

    private static IEnumerable<string> StorageRules(StorageOptions o)
    {
        if (o.ArticleRetention < TimeSpan.FromDays(1))
        {
            yield return "ArticleRetention: must be at least 1.00:00:00";
        }
    }

    private static IEnumerable<string> FeedRules(FeedsOptions o)
    {
        if (o.MinInterval <= TimeSpan.Zero)
        {
            yield return "MinInterval: must be positive";
        }
        if (o.DefaultInterval <= TimeSpan.Zero || o.DefaultInterval > TimeSpan.FromDays(1))
        {
            yield return "DefaultInterval: must be between 00:00:01 and 1.00:00:00";
        }
        if (o.DefaultInterval < o.MinInterval)
        {
            yield return $"DefaultInterval: {o.DefaultInterval} is below Feeds:MinInterval ({o.MinInterval})";
        }
        if (o.Timeout <= TimeSpan.Zero || o.Timeout > TimeSpan.FromMinutes(10))
        {
            yield return "Timeout: must be between 00:00:01 and 00:10:00";
        }
        if (o.FullTextTimeout < TimeSpan.Zero || o.FullTextTimeout > TimeSpan.FromMinutes(2))
        {
            // Zero is allowed: no page is waited for, every item is summarized from the feed's text.
            yield return "FullTextTimeout: must be between 00:00:00 and 00:02:00";
        }
    }

    private static IEnumerable<string> SummaryRules(SummariesOptions o)
    {
        if (o.Provider == SummaryProvider.Llm && (o.Llm.Endpoint is null || string.IsNullOrWhiteSpace(o.Llm.Model)))
        {
            yield return "Llm:Endpoint: Summaries:Provider is Llm, so Summaries:Llm:Endpoint and Summaries:Llm:Model are required";
        }
        if (o.Llm.Timeout <= TimeSpan.Zero)
        {
            yield return "Llm:Timeout: must be positive";
        }
    }

    private static IEnumerable<string> WorkerRules(WorkerOptions o)
    {
        if (o.TickInterval < TimeSpan.FromSeconds(1))
        {
            yield return "TickInterval: must be at least 00:00:01";
        }
        if (o.FeedConcurrency is < 1 or > 256)
        {
            yield return "FeedConcurrency: must be between 1 and 256";
        }
        if (o.ClaimBatch is < 1 or > 10_000)
        {
            yield return "ClaimBatch: must be between 1 and 10000";
        }
    }

    private static IEnumerable<string> WebRules(WebOptions o)
    {
        foreach (var url in o.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
            {
                yield return $"Urls: '{url}' is not an http(s) URL such as http://127.0.0.1:5080";
            }
        }
    }
}
