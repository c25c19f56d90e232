using ImageAdapter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Warning by default, as host.json sets for the host: no per-request Information lines reach Application Insights
// unless Logging__LogLevel__Default (or a category) asks for them.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

builder.Services.AddImageAdapter(builder.Configuration);

// host.json sets telemetryMode OpenTelemetry: each invocation's spans continue the trace the host received.
builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();

builder.Build().Run();
