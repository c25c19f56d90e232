using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// <c>Adapter:MaxConcurrentImages</c>, <c>QueuedImages</c>, <c>QueueTimeout</c>: a request takes one permit per image;
/// beyond them, 429 with Retry-After. The first generation (n=10, every permit of the smallest setting) is held at the
/// simulator until the test releases it, so a slow machine cannot finish it early.
/// </summary>
public abstract class BackpressureTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_LimitFullAndNoQueue_Returns429WithQueueTimeoutAsRetryAfterWithoutCallingFireworks()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentImages"] = "10",
            ["Adapter:QueuedImages"] = "0",
            ["Adapter:QueueTimeout"] = "00:00:07",
        }, THost.Host);
        var release = new TaskCompletionSource();
        app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task));
        var held = app.GenerateAsync(HardeningClient.Sdxl, n: 10, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(30));

        using var rejected = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        release.SetResult();

        Assert.Equal((429, "rate_limit_exceeded"), await rejected.OutcomeAsync());
        Assert.Equal("7", rejected.RetryAfter());
        Assert.Single(app.Simulator.State.Requests);
        using var first = await held;
        Assert.Equal((200, null), await first.OutcomeAsync());
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_QueuedPastQueueTimeout_Returns429WithOneSecondRetryAfter()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentImages"] = "10",
            ["Adapter:QueuedImages"] = "1",
            ["Adapter:QueueTimeout"] = "00:00:00.300",
        }, THost.Host);
        var release = new TaskCompletionSource();
        app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task));
        var held = app.GenerateAsync(HardeningClient.Sdxl, n: 10, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(30));

        using var queued = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        release.SetResult();

        Assert.Equal((429, "rate_limit_exceeded"), await queued.OutcomeAsync());
        Assert.Equal("1", queued.RetryAfter()); // a queue timeout under a second still says 1, never 0
        Assert.Single(app.Simulator.State.Requests);
        using var first = await held;
        Assert.Equal((200, null), await first.OutcomeAsync());
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_MoreImagesThanFreePermits_429WhileASmallerRequestRuns()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentImages"] = "10",
            ["Adapter:QueuedImages"] = "0",
        }, THost.Host);
        var release = new TaskCompletionSource();
        app.Simulator.State.EnqueueFault(SimulatorFault.HeldUntil(release.Task));
        var held = app.GenerateAsync(HardeningClient.Sdxl, n: 7, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(30));

        using var tooMany = await app.GenerateAsync(HardeningClient.Sdxl, n: 4, cancellationToken: Token);
        using var fits = await app.GenerateAsync(HardeningClient.Sdxl, n: 3, cancellationToken: Token);
        release.SetResult();

        Assert.Equal((429, "rate_limit_exceeded"), await tooMany.OutcomeAsync());
        Assert.Equal((200, null), await fits.OutcomeAsync());
        using var first = await held;
        Assert.Equal((200, null), await first.OutcomeAsync());
        Assert.Equal(2, app.Simulator.State.Requests.Count);
        app.AssertNoUnexpectedFailure();
    }
}

public sealed class BackpressureTestsOnServer : BackpressureTests<OnServer>;

public sealed class BackpressureTestsOnFunctions : BackpressureTests<OnFunctions>;
