using System.Diagnostics.Metrics;
using FireworksSimulator;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ImageAdapter.Tests.Hardening;

/// <summary><c>Adapter:MaxConcurrentGenerations</c>, <c>QueueLength</c>, <c>QueueTimeout</c>: beyond them, 429 with Retry-After.</summary>
public sealed class BackpressureTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_LimitFullAndNoQueue_Returns429WithRetryAfterWithoutCallingFireworks()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentGenerations"] = "1",
            ["Adapter:QueueLength"] = "0",
        });
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
        });
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

    [Fact]
    public async Task Generate_QueuedWhilePermitFrees_WaitsThenSucceeds()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentGenerations"] = "1",
            ["Adapter:QueueLength"] = "1",
            ["Adapter:QueueTimeout"] = "00:00:20",
        });
        using var queueLength = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "ImageAdapter", "image_adapter.queue.length");
        app.Simulator.State.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromSeconds(1)));
        var slow = app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(10));

        var waiting = app.GenerateAsync(HardeningClient.Sdxl, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() =>
        {
            queueLength.RecordObservableInstruments();
            return queueLength.LastMeasurement?.Value == 1;
        }, TimeSpan.FromSeconds(10));
        Assert.Single(app.Simulator.State.Requests);
        using var queued = await waiting;

        Assert.Equal((200, null), await queued.OutcomeAsync());
        using var first = await slow;
        Assert.Equal((200, null), await first.OutcomeAsync());
        Assert.Equal(2, app.Simulator.State.Requests.Count);
        app.AssertNoUnexpectedFailure();
    }
}
