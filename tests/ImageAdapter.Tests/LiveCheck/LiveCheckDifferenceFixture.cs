using FireworksSimulator;

namespace ImageAdapter.Tests.LiveCheck;

/// <summary>The check run against a simulator altered by <see cref="AlteredFireworks"/> and a Kontext sample on another host.</summary>
public sealed class LiveCheckDifferenceFixture : IAsyncLifetime
{
    public LiveCheckRuns Run { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Run = await LiveCheckRuns.RunAsync(
        new AlteredFireworks(), prepare: state => state.DefaultKontextScript = new KontextScript(SampleHost: "localhost"));

    public async ValueTask DisposeAsync() => await Run.DisposeAsync();
}
