using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// Upstream faults that end at a deadline: 2 s for the call and the Kontext polling. Each fault outlasts the deadline
/// by far, so a slow machine can only make these tests take longer.
/// </summary>
public abstract class FaultDeadlineTests<THost>(ShortDeadlineFixture<THost> fixture) : IClassFixture<ShortDeadlineFixture<THost>>
    where THost : IHostKind
{
    private readonly AdapterApp _app = Fresh(fixture.App);

    [Fact]
    public async Task Latency_PastCallTimeout_Returns504UpstreamTimeoutAndAbortsTheCall()
    {
        var simulator = _app.Simulator.State;
        simulator.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromMinutes(5)));

        using var response = await _app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((504, "upstream_timeout"), await response.OutcomeAsync());
        Assert.True(await simulator.WaitForAbortedCountAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Single(simulator.Requests, request => request.Kind == RequestKind.ImageGeneration);
        _app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Kontext_NeverReady_Returns504GenerationTimeoutAtPollDeadline()
    {
        var simulator = _app.Simulator.State;
        simulator.EnqueueKontextScript(new KontextScript(FinalStatus: KontextFinalStatus.NeverReady));

        using var response = await _app.GenerateAsync(HardeningClient.Kontext, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((504, "generation_timeout"), await response.OutcomeAsync());
        Assert.Contains(simulator.Requests, request => request.Kind == RequestKind.KontextGetResult);
        Assert.DoesNotContain(simulator.Requests, request => request.Kind == RequestKind.SampleDownload);
        _app.AssertNoUnexpectedFailure();
    }

    private static AdapterApp Fresh(AdapterApp app)
    {
        app.Simulator.State.Reset();
        app.ForgetLogs();
        return app;
    }
}

public sealed class FaultDeadlineTestsOnServer(ShortDeadlineFixture<OnServer> fixture) : FaultDeadlineTests<OnServer>(fixture);

public sealed class FaultDeadlineTestsOnFunctions(ShortDeadlineFixture<OnFunctions> fixture) : FaultDeadlineTests<OnFunctions>(fixture);
