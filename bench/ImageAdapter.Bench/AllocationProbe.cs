namespace ImageAdapter.Bench;

/// <summary>
/// Allocated bytes per request of every process that serves a target, counted from outside the process
/// (<see cref="AllocationCounter"/>), so the Functions host and its worker are measured the same way as the server and
/// the proxies, and the load generator's own allocations never count. Per target and workload: 20 warm-up requests,
/// a counting session on each serving process, then N sequential requests from one client; each process's bytes
/// allocated between the first request's start and the last answer's end, divided by N.
/// </summary>
internal static class AllocationProbe
{
    public const int WarmUpRequests = 20;

    /// <summary>Time for a new session to be attached everywhere before the window opens.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    public static async Task<IReadOnlyList<AllocationResult>> MeasureAsync(IReadOnlyList<BenchTarget> targets, int requests)
    {
        using var client = new SequentialClient();
        var results = new List<AllocationResult>();
        foreach (var workload in Workload.All)
        {
            foreach (var target in targets)
            {
                results.Add(await MeasureAsync(client, target, workload, requests));
            }
        }

        return results;
    }

    private static async Task<AllocationResult> MeasureAsync(SequentialClient client, BenchTarget target, Workload workload, int requests)
    {
        var template = workload.For(target.Kind);
        await client.SendAsync(target.Origin, template, WarmUpRequests);
        var counters = target.Processes.Select(p => AllocationCounter.Start(p.Process.Id)).ToArray();
        try
        {
            await Task.Delay(Settle);
            var from = DateTime.UtcNow;
            var failures = await client.SendAsync(target.Origin, template, requests);
            var to = DateTime.UtcNow;
            var bytes = await Task.WhenAll(counters.Select(counter => counter.StopAsync(from, to)));
            var processes = target.Processes.Select((process, i) => new ProcessAllocation(process.Role, bytes[i] / (double)requests)).ToArray();
            return new AllocationResult(workload, target.Kind, processes, failures, requests);
        }
        finally
        {
            foreach (var counter in counters)
            {
                await counter.DisposeAsync();
            }
        }
    }
}
