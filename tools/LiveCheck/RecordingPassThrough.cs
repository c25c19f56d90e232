using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace ImageAdapter.LiveCheck;

/// <summary>
/// A loopback pass-through (YARP's <see cref="IHttpForwarder"/>) in front of one upstream origin, Fireworks or the
/// simulator. It forwards every request unchanged but for <c>Host</c>, and records each exchange.
/// </summary>
internal sealed class RecordingPassThrough : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;
    private readonly List<RecordedExchange> _exchanges = [];
    private readonly Lock _gate = new();

    private RecordingPassThrough(WebApplication app, HttpMessageInvoker invoker)
    {
        _app = app;
        _invoker = invoker;
    }

    /// <summary>Scheme, host and port of the pass-through, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>How many exchanges were recorded so far; pass it to <see cref="Since"/>.</summary>
    public int Mark()
    {
        lock (_gate) { return _exchanges.Count; }
    }

    public IReadOnlyList<RecordedExchange> Since(int mark)
    {
        lock (_gate) { return [.. _exchanges.Skip(mark)]; }
    }

    /// <param name="handler">The handler that reaches the upstream; tests put one in that alters answers.</param>
    public static async Task<RecordingPassThrough> StartAsync(Uri upstreamOrigin, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        // No appsettings or environment: nothing outside the run configures it. UseUrls writes to the configuration,
        // so it comes after the sources are replaced.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var invoker = new HttpMessageInvoker(handler ?? new SocketsHttpHandler
        {
            // As YARP recommends for a forwarder: the answer travels back exactly as it came.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
        var passThrough = new RecordingPassThrough(app, invoker);
        var destination = upstreamOrigin.GetLeftPart(UriPartial.Authority);
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(5) };
        app.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            var transformer = new RecordingTransformer(buffer.ToArray(), passThrough.Add);
            var error = await forwarder.SendAsync(context, destination, invoker, config, transformer);
            if (error != ForwarderError.None)
            {
                transformer.RecordFailure(context, error.ToString());
            }
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        passThrough.Origin = new Uri(address);
        return passThrough;
    }

    private void Add(RecordedExchange exchange)
    {
        lock (_gate) { _exchanges.Add(exchange); }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _invoker.Dispose();
    }
}
