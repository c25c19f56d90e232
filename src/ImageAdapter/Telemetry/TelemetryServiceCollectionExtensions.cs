using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Azure.Monitor.OpenTelemetry.Exporter;

namespace ImageAdapter.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: the adapter's spans and metrics, HttpClient (one client span per Fireworks call) and
/// Azure SDK (<c>Azure.*</c>: Key Vault reads) spans, ASP.NET Core server spans in the standalone server (the Functions
/// host makes its own). Exports to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (with the
/// managed identity <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names), to OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, nowhere otherwise.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>ASP.NET Core's "Request starting/finished" records, which carry the query string.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    // Set by the Functions host; its own host emits the server span there.
    private const string FunctionsRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";

    public static IServiceCollection AddImageAdapterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = configuration[AzureMonitorSetting];
        var otlpEndpoint = configuration[OtlpSetting];
        TelemetrySettings.Check(azureMonitor, otlpEndpoint);
        var azureMonitorCredential = ApplicationInsightsAuthentication.Credential(configuration[ApplicationInsightsAuthentication.Setting]);
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var functions = !string.IsNullOrWhiteSpace(configuration[FunctionsRuntimeSetting]);

        // The Azure SDK only emits activities for its sources when asked to.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        // ASP.NET Core's "Request starting/finished" records carry the query string, where a client may have put a key
        // (`?api-key=`, the Azure OpenAI habit). Set in code, for the exporters only, so no appsettings file (the
        // Functions app has none) or working directory decides whether they leave the process.
        services.AddLogging(logging => logging.AddFilter<OpenTelemetryLoggerProvider>(HostingDiagnosticsCategory, LogLevel.Warning));

        var telemetry = services.AddOpenTelemetry();
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(AdapterTelemetry.Name, "Azure.*").AddHttpClientInstrumentation(http => http.RecordException = false);
            if (!functions)
            {
                tracing.AddAspNetCoreInstrumentation();
            }

            if (!string.IsNullOrWhiteSpace(azureMonitor))
            {
                tracing.AddAzureMonitorTraceExporter(exporter => Configure(exporter, azureMonitor, azureMonitorCredential));
            }

            if (otlp)
            {
                tracing.AddOtlpExporter();
            }
        });
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(AdapterTelemetry.Name).AddHttpClientInstrumentation();
            if (!functions)
            {
                metrics.AddAspNetCoreInstrumentation();
            }

            if (!string.IsNullOrWhiteSpace(azureMonitor))
            {
                metrics.AddAzureMonitorMetricExporter(exporter => Configure(exporter, azureMonitor, azureMonitorCredential));
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (!string.IsNullOrWhiteSpace(azureMonitor) || otlp)
        {
            // Log records keep their scopes (the request id); messages never hold prompts, images or keys.
            services.Configure<OpenTelemetryLoggerOptions>(logging => logging.IncludeScopes = true);
            telemetry.WithLogging(logging =>
            {
                if (!string.IsNullOrWhiteSpace(azureMonitor))
                {
                    logging.AddAzureMonitorLogExporter(exporter => Configure(exporter, azureMonitor, azureMonitorCredential));
                }

                if (otlp)
                {
                    logging.AddOtlpExporter();
                }
            });
        }

        return services;
    }

    private static void Configure(AzureMonitorExporterOptions exporter, string connectionString, Azure.Core.TokenCredential? credential)
    {
        exporter.ConnectionString = connectionString;
        exporter.Credential = credential;
    }
}
