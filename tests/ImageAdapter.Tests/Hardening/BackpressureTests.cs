using FireworksSimulator;
using ImageAdapter.Tests.Support;

namespace ImageAdapter.Tests.Hardening;

/// <summary><c>Adapter:MaxConcurrentGenerations</c>, <c>QueueLength</c>, <c>QueueTimeout</c>: beyond them, 429 with Retry-After.</summary>
public abstract class BackpressureTests<THost>
    where THost : IHostKind
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_LimitFullAndNoQueue_Returns429WithRetryAfterWithoutCallingFireworks()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentGenerations"] = "1",
            ["Adapter:QueueLength"] = "0",
        }, THost.Host);
        app.Simulator.State.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromSeconds(2)));
        var slow = app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(10));

        using var rejected = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((429, "rate_limit_exceeded"), await rejected.OutcomeAsync());
        Assert.NotNull(rejected.RetryAfter());
        Assert.Single(app.Simulator.State.Requests);
        using var first = await slow;
        Assert.Equal((200, null), await first.OutcomeAsync());
        app.AssertNoUnexpectedFailure();
    }

    [Fact]
    public async Task Generate_QueuedPastQueueTimeout_Returns429()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentGenerations"] = "1",
            ["Adapter:QueueLength"] = "1",
            ["Adapter:QueueTimeout"] = "00:00:00.300",
        }, THost.Host);
        app.Simulator.State.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromSeconds(3)));
        var slow = app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(10));

        using var queued = await app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);

        Assert.Equal((429, "rate_limit_exceeded"), await queued.OutcomeAsync());
        Assert.Equal("1", queued.RetryAfter());
        using var first = await slow;
        Assert.Equal((200, null), await first.OutcomeAsync());
        app.AssertNoUnexpectedFailure();
    }
}

public sealed class BackpressureTestsOnServer : BackpressureTests<OnServer>;

public sealed class BackpressureTestsOnFunctions : BackpressureTests<OnFunctions>;
