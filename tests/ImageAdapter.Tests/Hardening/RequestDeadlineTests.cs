using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary><c>Adapter:RequestDeadline</c>: the whole request, fan-out and polling included, ends by it.</summary>
public abstract class RequestDeadlineTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_UpstreamSlowerThanRequestDeadline_Returns504RequestTimeoutAndAbortsTheCall()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:RequestDeadline"] = "00:00:02",
            ["Fireworks:CallTimeout"] = "00:00:30",
        }, THost.Host);
        app.Simulator.State.SetPersistentFault(SimulatorFault.Latency(TimeSpan.FromSeconds(30)));

        using var response = await app.GenerateAsync(HardeningClient.Flux, n: 2, cancellationToken: Token);

        Assert.Equal((504, "request_timeout"), await response.OutcomeAsync());
        Assert.True(await app.Simulator.State.WaitForAbortedCountAsync(2, TimeSpan.FromSeconds(10)));
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_KontextPollingPastRequestDeadline_Returns504RequestTimeoutAndPollingStops()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:RequestDeadline"] = "00:00:01",
            ["Fireworks:PollDeadline"] = "00:01:00",
        }, THost.Host);
        app.Simulator.State.EnqueueKontextScript(new KontextScript(FinalStatus: KontextFinalStatus.NeverReady));

        using var response = await app.GenerateAsync(HardeningClient.Kontext, cancellationToken: Token);

        Assert.Equal((504, "request_timeout"), await response.OutcomeAsync());
        var polls = app.Simulator.State.Requests.Count(request => request.Kind == RequestKind.KontextGetResult);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Token);
        Assert.InRange(app.Simulator.State.Requests.Count(request => request.Kind == RequestKind.KontextGetResult), polls, polls + 1);
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_RetryAfterPastRequestDeadline_Returns503WithRetryAfterAtOnce()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:RequestDeadline"] = "00:00:05",
            ["Fireworks:CallTimeout"] = "00:01:00",
        }, THost.Host);
        app.Simulator.State.EnqueueFault(SimulatorFault.Status(503, retryAfter: "20"));

        using var response = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((503, "upstream_unavailable"), await response.OutcomeAsync());
        Assert.Equal("20", response.RetryAfter());
        Assert.Single(app.Simulator.State.Requests);
        app.AssertNoUnexpectedFailure();
    }
}

public sealed class RequestDeadlineTestsOnServer : RequestDeadlineTests<OnServer>;

public sealed class RequestDeadlineTestsOnFunctions : RequestDeadlineTests<OnFunctions>;
