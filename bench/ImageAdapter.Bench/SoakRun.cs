using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>The adapter under SDXL n=1 at 16 clients for the soak duration; its working set is recorded every 10 s.</summary>
internal static class SoakRun
{
    public const int Clients = 16;
    public static async Task<SoakResult> RunAsync(BenchTarget adapter, TimeSpan duration)
    {
        var template = Workload.All[0].For(TargetKind.Adapter);
        // Every 10 s; more often for a short soak, so its first and last windows still hold samples.
        var sampleEvery = TimeSpan.FromTicks(Math.Clamp((duration / 30).Ticks, TimeSpan.TicksPerSecond, 10 * TimeSpan.TicksPerSecond));
        var samples = new List<(TimeSpan At, long Bytes)>();
        var clock = Stopwatch.StartNew();
        var load = LoadRunner.RunAsync(adapter.Origin, template, Clients, TimeSpan.Zero, duration);
        using var timer = new PeriodicTimer(sampleEvery);
        while (!load.IsCompleted && await timer.WaitForNextTickAsync())
        {
            if (clock.Elapsed <= duration + TimeSpan.FromSeconds(1))
            {
                samples.Add((clock.Elapsed, adapter.WorkingSet.Current()));
                Console.WriteLine($"  soak {clock.Elapsed:mm\\:ss}  working set {samples[^1].Bytes / 1e6:F0} MB");
            }
        }

        return new SoakResult(samples, await load, duration);
    }
}
