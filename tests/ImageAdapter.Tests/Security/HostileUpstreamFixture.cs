using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Security;

/// <summary>One adapter on <typeparamref name="THost"/> in front of a <see cref="HostileUpstream"/>, shared by a test class.</summary>
public sealed class HostileUpstreamFixture<THost> : IAsyncLifetime
    where THost : IHostKind
{
    /// <summary>Answers up to this size are accepted; tests send more to see them refused.</summary>
    public const long MaxImageBytes = 1024 * 1024;

    private AdapterApp? _app;

    public HostileUpstream Upstream { get; private set; } = null!;

    public AdapterApp App => FunctionsHost.Started(_app);

    public async ValueTask InitializeAsync()
    {
        Upstream = await HostileUpstream.StartAsync();
        if (await FunctionsHost.CanStartAsync(THost.Host))
        {
            _app = await AdapterApp.StartAsync(new Dictionary<string, string?>
            {
                ["Fireworks:BaseUrl"] = Upstream.BaseUrl.AbsoluteUri,
                ["Fireworks:MaxImageBytes"] = MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // A stalled upstream is cut off after this; every stall in these tests lasts for ever.
                ["Fireworks:CallTimeout"] = "00:00:03",
                ["Adapter:MaxRetries"] = "0",
                ["Adapter:CircuitMinimumThroughput"] = "10000",
            }, THost.Host);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Upstream.DisposeAsync();
    }
}
