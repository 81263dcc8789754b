using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NewsBot.Telemetry;

/// <summary>Registers the NewsBot meter, its probes on storage and fetching, and the configured exporter.</summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddNewsBotTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        services.AddMetrics();
        services.AddSingleton<NewsBotMetrics>();
        services.AddSingleton<IInterceptor, StorageMetricsInterceptor>();
        services.AddTransient<FetchMetricsHandler>();
        services.AddHttpClient("feeds").AddHttpMessageHandler<FetchMetricsHandler>();
        services.AddHostedService<BacklogGauge>();
        if (options.Exporter == MetricsExporter.None)
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("newsbot"))
            .WithMetrics(m =>
            {
                m.AddMeter(NewsBotMetrics.MeterName);
                var interval = (int)options.ExportInterval.TotalMilliseconds;
                if (options.Exporter == MetricsExporter.Console)
                {
                    m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
                else
                {
                    m.AddOtlpExporter((exporter, reader) =>
                    {
                        if (options.OtlpEndpoint is { } endpoint)
                        {
                            exporter.Endpoint = endpoint;
                            exporter.Protocol = endpoint.Port == 4318 ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                        }
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                    });
                }
            });
        return services;
    }
}
