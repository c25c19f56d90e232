using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>
/// Starts the simulator, the YARP proxy and the adapter as separate processes, runs every workload at every
/// concurrency against each of them, then measures start-up, allocations and (optionally) the soak, and writes the report.
/// </summary>
internal sealed class BenchRun(BenchOptions options)
{
    public async Task<int> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var layout = RepoLayout.Find(options.RepoRoot);
        if (!options.SkipBuild)
        {
            await layout.BuildAsync();
        }

        await using var simulator = TargetProcess.Start("simulator", layout.SimulatorDll, [], new Dictionary<string, string>());
        await simulator.WaitReadyAsync("/inference/v1", TimeSpan.FromSeconds(30));
        await using var proxy = TargetProcess.Start("yarp", RepoLayout.BenchDll, ["proxy", "--upstream", simulator.Origin.AbsoluteUri],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        await proxy.WaitReadyAsync("/inference/v1", TimeSpan.FromSeconds(30));
        await using var adapter = TargetProcess.Start("adapter", layout.ServerDll, [], AdapterSettings.AsEnvironment(simulator.Origin));
        await adapter.WaitReadyAsync(AdapterRoutes.Health, TimeSpan.FromSeconds(30));
        var targets = new Dictionary<TargetKind, TargetProcess>
        {
            [TargetKind.Direct] = simulator,
            [TargetKind.Yarp] = proxy,
            [TargetKind.Adapter] = adapter,
        };

        if (!await SmokeTestAsync(targets))
        {
            return 1;
        }

        Console.WriteLine($"start-up: {options.Startups} adapter starts...");
        var startup = await StartupProbe.MeasureAsync(layout, simulator.Origin, options.Startups);

        var cells = new List<CellResult>();
        foreach (var workload in Workload.All)
        {
            foreach (var clients in options.Clients)
            {
                foreach (var (kind, target) in targets)
                {
                    target.WorkingSet.Reset();
                    var load = await LoadRunner.RunAsync(target.Origin, workload.For(kind), clients, options.WarmUp, options.Duration);
                    var cell = new CellResult(workload, clients, kind, load, target.WorkingSet.Peak);
                    cells.Add(cell);
                    Console.WriteLine(
                        $"{workload.Name,-32} {clients,3} clients {kind,-8} {load.Throughput,8:F1} req/s  p50 {load.P50,8:F1} ms  p99 {load.P99,8:F1} ms  " +
                        $"ws {cell.PeakWorkingSet / 1e6,6:F0} MB  failures {load.Failures}{(load.FirstError is null ? "" : " (" + load.FirstError + ")")}");
                }
            }
        }

        var runPeaks = targets.ToDictionary(pair => pair.Key, pair => cells.Where(c => c.Target == pair.Key).Max(c => c.PeakWorkingSet));

        Console.WriteLine($"allocations: {options.AllocationRequests} requests per workload...");
        var allocations = await AllocationProbe.MeasureAsync(simulator.Origin, adapter.Origin, options.AllocationRequests);

        SoakResult? soak = null;
        if (options.Soak > TimeSpan.Zero)
        {
            Console.WriteLine($"soak: {options.Soak} at {SoakRun.Clients} clients...");
            soak = await SoakRun.RunAsync(adapter, options.Soak);
        }

        var results = new BenchResults(options, cells, startup, allocations, soak, runPeaks, startedAt, clock.Elapsed);
        var markdown = ResultsReport.Render(results);
        var output = Path.IsPathRooted(options.OutputPath) ? options.OutputPath : Path.Combine(layout.Root, options.OutputPath);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"written to {output}");
        return 0;
    }

    /// <summary>One request per workload and target before measuring: a target that cannot answer would only produce noise.</summary>
    private static async Task<bool> SmokeTestAsync(IReadOnlyDictionary<TargetKind, TargetProcess> targets)
    {
        using var client = new SequentialClient();
        var ok = true;
        foreach (var workload in Workload.All)
        {
            foreach (var (kind, target) in targets)
            {
                if (await client.SendAsync(target.Origin, workload.For(kind), 1) != 0)
                {
                    Console.Error.WriteLine($"smoke test failed: {workload.Name} against {kind}\n{target.RecentOutput()}");
                    ok = false;
                }
            }
        }

        return ok;
    }
}
