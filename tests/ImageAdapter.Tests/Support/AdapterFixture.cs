namespace ImageAdapter.Tests.Support;

/// <summary>One adapter + simulator pair shared by the tests of a class (which xunit runs one at a time).</summary>
public sealed class AdapterFixture : IAsyncLifetime
{
    private AdapterApp? _app;

    public AdapterApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _app = await AdapterApp.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
