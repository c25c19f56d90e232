using System.Diagnostics;
using ImageAdapter.Tests.Support;
using OpenAI.Images;

namespace ImageAdapter.Tests.Hardening;

/// <summary>
/// Sustained load through the real server against the simulator: no failed request, every image decodes, and managed
/// memory returns near its baseline. Speed is not asserted (timed unit tests are flaky); only correctness and leaks.
/// </summary>
[Collection(typeof(LoadCollection))]
public sealed class LoadTests
{
    /// <summary>How long the clients keep sending. Short enough for CI, long enough for many thousand requests.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public const int Clients = 64;

    /// <summary>
    /// Allowed growth of <see cref="GC.GetTotalMemory"/> after load and a full collection. Generous: 64 in-flight
    /// 1.6 MB PNGs are about 100 MB, so a real leak (every response kept) passes it within seconds, while pool and
    /// connection warm-up stay far below it.
    /// </summary>
    public const long MemoryGrowthBound = 256L * 1024 * 1024;

    private static readonly string[] Models = [HardeningClient.Sdxl, HardeningClient.Flux, HardeningClient.Kontext];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Generate_64ClientsFor30Seconds_NoFailuresEveryImageDecodesMemoryReturnsToBaseline()
    {
        // The default backpressure: 32 images run, the other requests queue, without a single 429.
        await using var app = await AdapterApp.StartAsync(new Dictionary<string, string?>
        {
            ["Fireworks:CallTimeout"] = "00:00:30",
            ["Fireworks:PollDeadline"] = "00:00:30",
        });
        // Warm-up: one request per client at once, so that every buffer pool (the adapter's image pool, Kestrel's, the
        // shared one) already holds what it keeps at this concurrency. Growth beyond that baseline is a leak; the
        // pools' by-design retention is not (a sequential warm-up left the image pool nearly empty, and its later
        // filling, up to 16 buffers of each size, once pushed the growth past the bound on a loaded machine).
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client =>
            app.Images(Models[client % Models.Length]).GenerateImageAsync($"warm-up {client}", new ImageGenerationOptions(), Token)));

        var baseline = SettledMemory();
        var failures = 0;
        var decoded = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(Duration.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var images = app.Images(Models[client % Models.Length]);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                try
                {
                    var image = await images.GenerateImageAsync($"load {client}", new ImageGenerationOptions(), Token);
                    Assert.Equal((1024, 1024), Images.Decode(image.Value.ImageBytes));
                    Interlocked.Increment(ref decoded);
                }
                catch (Exception) when (!Token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, Token)).ToArray();
        await Task.WhenAll(clients);

        Assert.Equal(0, failures);
        Assert.True(decoded >= Clients, $"only {decoded} images in {Duration}");
        app.AssertNoUnexpectedFailure();
        var after = SettledMemory();
        Assert.True(after - baseline < MemoryGrowthBound, $"managed memory grew by {(after - baseline) / (1024 * 1024)} MB");
        TestContext.Current.TestOutputHelper?.WriteLine($"{decoded} images; managed memory {baseline / (1024 * 1024)} MB -> {after / (1024 * 1024)} MB");
    }

    private static long SettledMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
