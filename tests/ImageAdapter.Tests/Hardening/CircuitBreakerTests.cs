using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>One circuit breaker per Fireworks API family: an outage answers fast 503s, and recovery closes it again.</summary>
public abstract class CircuitBreakerTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_FamilyFailing_OpensItsCircuitOnlyThenClosesAfterBreak()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:CircuitMinimumThroughput"] = "2",
            ["Adapter:CircuitFailureRatio"] = "0.5",
            ["Adapter:CircuitSamplingDuration"] = "00:00:30",
            ["Adapter:CircuitBreakDuration"] = "00:00:01",
        }, THost.Host);
        var simulator = app.Simulator.State;
        simulator.SetPersistentFault(SimulatorFault.Status(500, target: RequestKind.ImageGeneration));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var failing = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
            Assert.Equal((502, "upstream_error"), await failing.OutcomeAsync());
        }

        using var open = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        Assert.Equal((503, "upstream_unavailable"), await open.OutcomeAsync());
        Assert.Equal("1", open.RetryAfter());
        Assert.Equal(2, simulator.Requests.Count(request => request.Kind == RequestKind.ImageGeneration));

        // Another family has its own breaker and is still served.
        using var other = await app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);
        Assert.Equal((200, null), await other.OutcomeAsync());

        simulator.SetPersistentFault(null);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Token);
        using var trial = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        using var closed = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((200, null), await trial.OutcomeAsync());
        Assert.Equal((200, null), await closed.OutcomeAsync());
        Assert.Equal(4, simulator.Requests.Count(request => request.Kind == RequestKind.ImageGeneration));
        Assert.True(app.HasLogged("circuit image_generation opened"));
        app.AssertNoUnexpectedFailure();
    }
}

public sealed class CircuitBreakerTestsOnServer : CircuitBreakerTests<OnServer>;

public sealed class CircuitBreakerTestsOnFunctions : CircuitBreakerTests<OnFunctions>;
