using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Functions;

/// <summary>The same adapter on both hosts, each with its own simulator, and a circuit breaker that never opens.</summary>
public sealed class HostParityFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Adapter:CircuitMinimumThroughput"] = "10000" };

    private AdapterApp? _server;
    private AdapterApp? _functions;

    public AdapterApp Server => _server ?? throw new InvalidOperationException("Not started.");

    /// <summary>The Functions app; without a Functions host, each test asking for it is skipped (failed, in CI).</summary>
    public AdapterApp Functions => FunctionsHost.Started(_functions);

    public async ValueTask InitializeAsync()
    {
        _server = await AdapterApp.StartAsync(Settings);
        if (await FunctionsHost.CanStartAsync(AdapterHost.Functions))
        {
            _functions = await AdapterApp.StartAsync(Settings, AdapterHost.Functions);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _server, _functions })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
