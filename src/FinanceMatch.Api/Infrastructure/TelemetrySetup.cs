using FinanceMatch.Api.Auth;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// Traces and metrics (docs/RELIABILITY.md, "Telemetry"). FinanceMatch's spans are always made, so a job continues the
/// trace of the call that enqueued it and every log line carries a trace id. With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// set (and the other standard OpenTelemetry variables: protocol, headers, service name), spans of ASP.NET Core,
/// HttpClient and Npgsql and every metric are also exported by OTLP. The metrics (the domain's, ASP.NET Core's,
/// HttpClient's, Npgsql's, the runtime's) are always scrapeable in Prometheus's format: at <c>/metrics</c> on an HTTP
/// process (operators' token), and on <c>Metrics:Port</c> when it is set (a worker, or a scraper without an operator's
/// credentials; localhost unless <c>Metrics:Host</c>).
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddFinanceMatchTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        StartupSettings settings
    )
    {
        var exporting = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var metricsPort = configuration.GetValue<int?>("Metrics:Port");
        services
            .AddOpenTelemetry()
            .ConfigureResource(r =>
                r.AddService(
                    serviceName: configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name
                        ? name
                        : $"financematch-{settings.Role.ToString().ToLowerInvariant()}",
                    serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()
                )
            )
            .WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Name);
                if (!exporting)
                {
                    // Nothing leaves the process: every span of ours is kept, so the trace context always reaches jobs.
                    tracing.SetSampler(new AlwaysOnSampler());
                    return;
                }
                tracing
                    .AddAspNetCoreInstrumentation(o =>
                        o.Filter = http =>
                            !http.Request.Path.StartsWithSegments("/health")
                            && !http.Request.Path.StartsWithSegments("/metrics")
                    )
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(Telemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                // Npgsql names a pool it was not given a name for by its connection string (password removed): only the
                // connection state and the system stay as labels, so no host, database or user reaches a scrape.
                metrics.AddView(instrument =>
                    instrument.Meter.Name == "Npgsql"
                        ? new MetricStreamConfiguration { TagKeys = ["db.client.connection.state", "db.system.name"] }
                        : null
                );
                if (settings.RunsHttp)
                    metrics.AddPrometheusExporter();
                // A port of its own for a process without HTTP, or for an HTTP one whose scraper should hold no
                // operator's credentials (listening on localhost unless Metrics:Host says otherwise).
                if (metricsPort is { } port)
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = configuration["Metrics:Host"] is { Length: > 0 } host ? host : "localhost";
                        o.Port = port;
                    });
                if (exporting)
                    metrics.AddOtlpExporter();
            });
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus's text format, for operators (Prometheus's <c>oauth2</c> scrape setting obtains the
    /// token with an operator's client credentials; README).
    /// </summary>
    public static void MapMetricsEndpoint(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Operator);
}
