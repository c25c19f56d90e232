using ImageAdapter;

var builder = WebApplication.CreateBuilder(args);

// Listen where `func start` does unless --urls / ASPNETCORE_URLS say otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

builder.Services.AddImageAdapter(builder.Configuration);

var app = builder.Build();
app.MapImageAdapter();
app.Run();

/// <summary>Entry point, visible to tests that host the server in-process.</summary>
public partial class Program;
