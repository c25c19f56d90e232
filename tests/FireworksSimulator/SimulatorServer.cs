using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FireworksSimulator;

/// <summary>The simulator on a free loopback port, for in-process tests and benchmarks.</summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, SimulatorState state, int port)
    {
        _app = app;
        State = state;
        Port = port;
        Origin = new Uri($"http://127.0.0.1:{port}");
        BaseUrl = new Uri($"http://127.0.0.1:{port}/inference/v1");
    }

    /// <summary>The Fireworks base URL, e.g. <c>http://127.0.0.1:PORT/inference/v1</c> (no trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Scheme, host and port only, e.g. <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Origin { get; }

    public int Port { get; }

    public SimulatorState State { get; }

    /// <summary>Starts Kestrel on 127.0.0.1 with a free port; the same app as <c>dotnet run</c>.</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var state = new SimulatorState(options);
        // No config file watcher per server: tests start many servers and Linux caps inotify instances.
        var app = SimulatorApp.Build(
            ["--hostBuilder:reloadConfigOnChange=false"], options, state,
            builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorServer(app, state, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
