namespace ImageAdapter.Tests.Support;

/// <summary>One adapter + simulator pair on <typeparamref name="THost"/>, shared by the tests of a class (which xunit runs one at a time).</summary>
public class AdapterFixture<THost> : IAsyncLifetime
    where THost : IHostKind
{
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private AdapterApp? _app;

    public AdapterFixture()
        : this(null)
    {
    }

    protected AdapterFixture(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = settings;
    }

    /// <summary>The shared app; without a Functions host, each test asking for it is skipped (failed, in CI).</summary>
    public AdapterApp App => FunctionsHost.Started(_app);

    public async ValueTask InitializeAsync()
    {
        if (await FunctionsHost.CanStartAsync(THost.Host))
        {
            _app = await AdapterApp.StartAsync(_settings, THost.Host);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
