using System.Diagnostics.Metrics;
using FireworksSimulator;
using ImageAdapter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// A queued request waits for its permits (one per image). In-process only: the test reads the queue-length metric to know the second
/// request is queued before the first finishes.
/// </summary>
public sealed class BackpressureQueueTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_QueuedWhilePermitFrees_WaitsThenSucceeds()
    {
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Adapter:MaxConcurrentImages"] = "10",
            ["Adapter:QueuedImages"] = "2",
            ["Adapter:QueueTimeout"] = "00:00:20",
        });
        using var queueLength = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "ImageAdapter", "image_adapter.queue.length");
        app.Simulator.State.EnqueueFault(SimulatorFault.Latency(TimeSpan.FromSeconds(1)));
        var slow = app.GenerateAsync(HardeningClient.Sdxl, n: 10, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() => app.Simulator.State.Requests.Count == 1, TimeSpan.FromSeconds(10));

        var waiting = app.GenerateAsync(HardeningClient.Sdxl, n: 2, cancellationToken: Token);
        await HardeningClient.WaitUntilAsync(() =>
        {
            queueLength.RecordObservableInstruments();
            return queueLength.LastMeasurement?.Value == 2; // its images, not one request
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
