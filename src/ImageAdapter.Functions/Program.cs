using ImageAdapter;
using ImageAdapter.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Warning by default, as host.json sets for the host: no per-request Information lines reach Application Insights
// unless Logging__LogLevel__Default (or a category) asks for them.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

builder.Services.AddImageAdapter(builder.Configuration);

// host.json sets telemetryMode OpenTelemetry: each invocation's spans continue the trace the host received, and the
// worker's own exporters send its logs (the worker stops sending them to the host).
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
if (string.Equals(builder.Configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase))
{
    // `func start` runs in Development: the host prints what the worker writes to its console (Host.Function.Console),
    // and exports it too, so the records that carry query strings stay out of it, as they stay out of the exporters.
    builder.Logging.AddSimpleConsole(console => (console.SingleLine, console.IncludeScopes) = (true, true))
        .AddFilter<ConsoleLoggerProvider>(TelemetryServiceCollectionExtensions.HostingDiagnosticsCategory, LogLevel.Warning);
}

builder.Build().Run();
