using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageAdapter.Tests.Simulator;

/// <summary>
/// A client's image server on loopback: where the simulator downloads a Kontext <c>input_image</c>
/// given as a URL, as Fireworks would. Every request gets the same answer.
/// </summary>
internal sealed class ImageHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImageHost(WebApplication app)
    {
        _app = app;
    }

    /// <summary>"METHOD /path" of every request received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ImageHost> StartAsync(RequestDelegate answer)
    {
        // No config file watcher: Linux caps inotify instances and the tests start many servers.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var host = new ImageHost(app);
        app.Run(context =>
        {
            host.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return answer(context);
        });
        await app.StartAsync();
        return host;
    }

    /// <summary>Answers 200 with these bytes.</summary>
    public static RequestDelegate Serving(byte[] body, string contentType) => context =>
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body).AsTask();
    };

    /// <summary>A URL on a loopback port nothing listens on: connecting is refused.</summary>
    public static string RefusingUrl(string path)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}{path}";
    }

    public string Url(string path) => _app.Urls.First() + path;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
