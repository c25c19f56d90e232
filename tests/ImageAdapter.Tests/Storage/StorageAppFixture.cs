using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Storage;

/// <summary>Azurite plus the adapter configured to store <c>url</c> images in it (default 60-minute URLs).</summary>
public sealed class StorageAppFixture<THost> : IAsyncLifetime
    where THost : IHostKind
{
    private Azurite? _azurite;
    private AdapterApp? _app;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    /// <summary>The shared app; without a Functions host, each test asking for it is skipped (failed, in CI).</summary>
    public AdapterApp App => FunctionsHost.Started(_app);

    /// <summary>Whether the container existed once the server had started (it must not: it is created on first use).</summary>
    public bool ContainerExistedAtStart { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!await FunctionsHost.CanStartAsync(THost.Host))
        {
            return;
        }

        _azurite = await Azurite.StartAsync();
        _app = await StartAppAsync();
        ContainerExistedAtStart = (await _azurite.Client.GetBlobContainerClient("images").ExistsAsync()).Value;
    }

    /// <summary>Another adapter on the same Azurite; <paramref name="settings"/> override the storage defaults.</summary>
    public Task<AdapterApp> StartAppAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?> { ["Storage:ConnectionString"] = Azurite.ConnectionString };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[name] = value;
        }

        return AdapterApp.StartAsync(merged, THost.Host);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
