using ImageAdapter;
using ImageAdapter.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// Listen where `func start` does unless --urls / ASPNETCORE_URLS say otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

// One line per record, with its scope: every line of a request carries its request id, and its trace id (not the
// span and parent ids ASP.NET Core adds by default: the trace id finds the request's spans). Written in batches: one
// write per 100 ms instead of a thread woken for every line.
builder.Logging.AddBatchedConsole(console => (console.SingleLine, console.IncludeScopes) = (true, true));
builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
builder.Services.AddImageAdapter(builder.Configuration);

var app = builder.Build();
app.MapImageAdapter();
app.Run();

/// <summary>Entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
