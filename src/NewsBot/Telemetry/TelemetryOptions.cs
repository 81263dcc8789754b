namespace NewsBot.Telemetry;

public enum MetricsExporter
{
    None,
    Console,
    Otlp,
}

/// <summary>The "Telemetry" section: where the NewsBot meter's numbers go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public MetricsExporter Exporter { get; set; } = MetricsExporter.None;

    /// <summary>OTLP endpoint (gRPC, e.g. http://collector:4317); null means the exporter's default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How often numbers are exported.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(60);

    internal static IEnumerable<string> Rules(TelemetryOptions o)
    {
        if (o.ExportInterval < TimeSpan.FromSeconds(1))
        {
            yield return "ExportInterval: must be at least 00:00:01";
        }
        if (o.OtlpEndpoint is { } u && u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)
        {
            yield return "OtlpEndpoint: must be an http(s) URL such as http://localhost:4317";
        }
    }
}
