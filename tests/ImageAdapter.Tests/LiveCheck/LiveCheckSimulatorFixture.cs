namespace ImageAdapter.Tests.LiveCheck;

/// <summary>The check run once against an unaltered simulator, shared by the tests that read its report.</summary>
public sealed class LiveCheckSimulatorFixture : IAsyncLifetime
{
    public LiveCheckRuns Run { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Run = await LiveCheckRuns.RunAsync();

    public async ValueTask DisposeAsync() => await Run.DisposeAsync();
}
