namespace NewsBot.Hosting;

/// <summary>The "Worker" section: how often the pipeline looks for work. Feeds keep their own schedules as data.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>How often the Quartz tick claims due feeds.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many feeds one tick refreshes at once.</summary>
    public int FeedConcurrency { get; set; } = 8;

    /// <summary>How many due feeds one tick claims.</summary>
    public int ClaimBatch { get; set; } = 200;

    /// <summary>A claim older than this is considered abandoned (its instance died) and is taken over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the delivery worker looks for due posts when nothing woke it.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The clustered Quartz scheduler's name (PostgreSQL): every instance of one deployment uses the same name so they
    /// share the qrtz_ rows. Quartz keeps scheduler names process-wide, so hosts in one test process differ.
    /// </summary>
    public string SchedulerName { get; set; } = "NewsBot";

    /// <summary>This instance's name in claims; defaults to host name and listen address.</summary>
    public string? InstanceId { get; set; }
}

/// <summary>The "Console" section: the console channel prints posts to standard output.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Null means on when no platform token is configured.</summary>
    public bool? Enabled { get; set; }
}

/// <summary>The "Web" section: where the status page and health endpoints listen.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    public string Urls { get; set; } = "http://127.0.0.1:5080";
}
