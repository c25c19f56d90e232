using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// One circuit breaker per Fireworks API family: an outage answers fast 503s, and recovery closes it again. The open
/// circuit is checked with a break far longer than the test; the recovery waits for the break to end however long the
/// machine takes, and counts the calls that reached Fireworks.
/// </summary>
public abstract class CircuitBreakerTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_FamilyFailing_OpensItsCircuitOnlyWithBreakAsRetryAfter()
    {
        await using var app = await StartAsync(breakDuration: "00:01:00");
        var simulator = app.Simulator.State;
        await OpenImageGenerationCircuitAsync(app);

        using var open = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        Assert.Equal((503, "upstream_unavailable"), await open.OutcomeAsync());
        Assert.Equal("60", open.RetryAfter());
        Assert.Equal(2, simulator.Requests.Count(request => request.Kind == RequestKind.ImageGeneration));

        // Another family has its own breaker and is still served.
        using var other = await app.GenerateAsync(HardeningClient.Flux, cancellationToken: Token);
        Assert.Equal((200, null), await other.OutcomeAsync());
        Assert.True(app.HasLogged("circuit image_generation opened"));
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_FamilyRecovered_CircuitClosesAfterBreakWithOneTrialCall()
    {
        await using var app = await StartAsync(breakDuration: "00:00:01");
        var simulator = app.Simulator.State;
        await OpenImageGenerationCircuitAsync(app);
        simulator.SetPersistentFault(null);

        // While the circuit is open the adapter answers 503 itself; the first call after the break is the trial.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
            var outcome = await response.OutcomeAsync();
            if (outcome == (200, null))
            {
                break;
            }

            Assert.Equal((503, "upstream_unavailable"), outcome);
            Assert.True(DateTime.UtcNow < deadline, "The circuit did not close.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Token);
        }

        using var closed = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((200, null), await closed.OutcomeAsync());
        Assert.Equal(4, simulator.Requests.Count(request => request.Kind == RequestKind.ImageGeneration));
        app.AssertNoUnexpectedFailure();
    }

    private static Task<AdapterApp> StartAsync(string breakDuration) => AdapterApp.StartAsync(new Dictionary<string, string?>
    {
        ["Adapter:CircuitMinimumThroughput"] = "2",
        ["Adapter:CircuitFailureRatio"] = "0.5",
        ["Adapter:CircuitSamplingDuration"] = "00:05:00",
        ["Adapter:CircuitBreakDuration"] = breakDuration,
    }, THost.Host);

    private static async Task OpenImageGenerationCircuitAsync(AdapterApp app)
    {
        app.Simulator.State.SetPersistentFault(SimulatorFault.Status(500, target: RequestKind.ImageGeneration));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var failing = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
            Assert.Equal((502, "upstream_error"), await failing.OutcomeAsync());
        }
    }
}

public sealed class CircuitBreakerTestsOnServer : CircuitBreakerTests<OnServer>;

public sealed class CircuitBreakerTestsOnFunctions : CircuitBreakerTests<OnFunctions>;
