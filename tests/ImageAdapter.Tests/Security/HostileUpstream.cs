using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StbImageWriteSharp;

namespace ImageAdapter.Tests.Security;

/// <summary>
/// A Fireworks that misbehaves on purpose, on a loopback port: each test scripts how FLUX answers and which sample
/// URL Kontext hands out. What the simulator models is Fireworks' contract; this is what a broken or hostile
/// upstream (or a man in the middle) could send instead.
/// </summary>
public sealed class HostileUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostileUpstream(WebApplication app)
    {
        _app = app;
    }

    /// <summary>A real 64x64 PNG, small enough for any limit.</summary>
    public static byte[] Png { get; } = CreatePng();

    /// <summary>The value for <c>Fireworks__BaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How <c>…/text_to_image</c> (FLUX) answers; by default with <see cref="Png"/>.</summary>
    public Func<HttpContext, Task> Flux { get; set; } = context => WritePngAsync(context);

    /// <summary>The <c>result.sample</c> Kontext's <c>get_result</c> hands out.</summary>
    public string SampleUrl { get; set; } = "";

    /// <summary>How a GET for a sample on this upstream answers; by default with <see cref="Png"/>.</summary>
    public Func<HttpContext, Task> Sample { get; set; } = context => WritePngAsync(context);

    /// <summary>"METHOD /path" of every request received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<HostileUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new HostileUpstream(app);
        app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "";
            upstream.Requests.Enqueue($"{context.Request.Method} {path}");
            return context.Request.Method == HttpMethods.Get ? upstream.Sample(context)
                : path.EndsWith("/text_to_image", StringComparison.Ordinal) ? upstream.Flux(context)
                : path.EndsWith("/get_result", StringComparison.Ordinal)
                    ? context.Response.WriteAsJsonAsync(new { id = "task-1", status = "Ready", result = new { sample = upstream.SampleUrl } })
                    : context.Response.WriteAsJsonAsync(new { request_id = "task-1" });
        });
        await app.StartAsync();
        upstream.BaseUrl = new Uri(app.Urls.First() + "/inference/v1");
        return upstream;
    }

    public static Task WritePngAsync(HttpContext context)
    {
        context.Response.ContentType = "image/png";
        return context.Response.Body.WriteAsync(Png).AsTask();
    }

    /// <summary>Promises <paramref name="promised"/> bytes, sends 8, and never sends the rest.</summary>
    public static async Task StallAsync(HttpContext context, long promised)
    {
        context.Response.ContentType = "image/png";
        context.Response.ContentLength = promised;
        await context.Response.Body.WriteAsync(Png.AsMemory(0, 8));
        await context.Response.Body.FlushAsync();
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static byte[] CreatePng()
    {
        using var png = new MemoryStream();
        new ImageWriter().WritePng(new byte[64 * 64 * 3], 64, 64, ColorComponents.RedGreenBlue, png);
        return png.ToArray();
    }
}
