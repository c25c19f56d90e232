using System.Diagnostics;
using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>
/// Starts the simulator and the selected targets as separate processes, runs every workload at every concurrency
/// against each of them, then measures start-up, allocations and (optionally) the soak, and writes the report.
/// </summary>
internal sealed class BenchRun(BenchOptions options)
{
    public async Task<int> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var layout = RepoLayout.Find(options.RepoRoot);
        var functions = options.Targets.Contains(TargetKind.Functions) ? FunctionsHostLauncher.Find(layout, options.FunctionsHost) : null;
        if (!options.SkipBuild)
        {
            await layout.BuildAsync(functions is not null);
        }

        if (functions is not null)
        {
            await functions.PrepareAsync(build: !options.SkipBuild);
        }

        Console.WriteLine($"starting {string.Join(", ", options.Targets.Select(t => t.CliName()))}...");
        await using var set = await TargetSet.StartAsync(layout, options.Targets, functions);
        if (!await SmokeTestAsync(set.Targets))
        {
            return 1;
        }

        StartupResult? startup = null;
        if (set.Find(TargetKind.Adapter) is not null && options.Startups > 0)
        {
            Console.WriteLine($"start-up: {options.Startups} adapter starts...");
            startup = await StartupProbe.MeasureAsync(layout, set.Simulator.Origin, options.Startups);
        }

        var cells = new List<CellResult>();
        var prewarmed = new HashSet<Workload>();
        foreach (var (workload, clients) in Workload.MeasuringOrder(options.Clients))
        {
            if (prewarmed.Add(workload))
            {
                await PrewarmAsync(set.Targets, workload);
            }

            cells.AddRange(await MeasureCellAsync(set.Targets, workload, clients));
        }

        var measured = set.Targets.Where(t => t.Kind != TargetKind.Direct).ToArray();
        Console.WriteLine($"allocations: {options.AllocationRequests} requests per workload and target, out of process...");
        var allocations = await AllocationProbe.MeasureAsync(measured, options.AllocationRequests);

        SoakResult? soak = null;
        if (options.Soak > TimeSpan.Zero && set.Find(TargetKind.Adapter) is { } adapter)
        {
            Console.WriteLine($"soak: {options.Soak} at {SoakRun.Clients} clients...");
            soak = await SoakRun.RunAsync(adapter, options.Soak);
        }

        var results = new BenchResults(options, cells, startup, allocations, soak, functions?.Description, startedAt, clock.Elapsed);
        var markdown = ResultsReport.Render(results);
        var output = Path.IsPathRooted(options.OutputPath) ? options.OutputPath : Path.Combine(layout.Root, options.OutputPath);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"written to {output}");
        return 0;
    }

    /// <summary>
    /// Each target serves the workload from one client for <see cref="BenchOptions.Prewarm"/>, unmeasured, before the
    /// workload's first cell. A process compiles its hot code again, optimised, only after that code has run for a
    /// while (tiered compilation), and meanwhile runs it slower and spends CPU on the compiling: without this, the
    /// first cell of a workload measured that instead of the steady state, the bigger the process the more (bench
    /// README, "Pre-warm"). One client, so that no process grows beyond what the workload's first cell asks of it.
    /// </summary>
    private async Task PrewarmAsync(IReadOnlyList<BenchTarget> targets, Workload workload)
    {
        if (options.Prewarm <= TimeSpan.Zero)
        {
            return;
        }

        Console.WriteLine($"pre-warm: {workload.Name}, {options.Prewarm.TotalSeconds:0.#} s per target from one client...");
        foreach (var target in targets)
        {
            await LoadRunner.RunAsync(target.Origin, workload.For(target.Kind), 1, options.Prewarm, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// One workload at one concurrency against every target, in <see cref="BenchOptions.Rounds"/> rounds: every target
    /// once per round, in the targets' order in the first round and in reverse in the next (A B C, C B A, A B C, …). A
    /// drift of the machine over the cell (other work, the simulator's growing heap) then weighs on every target alike
    /// instead of on whichever comes last, and the targets compared with each other are measured side by side in each
    /// round (<see cref="RoundRatio"/>). Each window has its own warm-up; a target's peak working set covers them all.
    /// </summary>
    private async Task<IEnumerable<CellResult>> MeasureCellAsync(IReadOnlyList<BenchTarget> targets, Workload workload, int clients)
    {
        var window = options.Duration / options.Rounds;
        var rounds = targets.ToDictionary(target => target.Kind, _ => new List<LoadResult>());
        foreach (var target in targets)
        {
            target.WorkingSet.Reset();
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
            {
                rounds[target.Kind].Add(await LoadRunner.RunAsync(target.Origin, workload.For(target.Kind), clients, options.WarmUp, window, target.Processes));
            }
        }

        var cells = targets.Select(target => new CellResult(workload, clients, target.Kind, rounds[target.Kind], target.WorkingSet.Peak, target.WorkingSet.Peaks)).ToArray();
        foreach (var cell in cells)
        {
            var load = cell.Load;
            Console.WriteLine(
                $"{workload.Name,-32} {clients,3} clients {cell.Target.Label(),-12} {load.Throughput,8:F1} req/s  p50 {load.P50,8:F1} ms  p99 {load.P99,8:F1} ms  " +
                $"cpu {load.CpuMsPerRequest,6:F2} ms/req  ws {cell.PeakWorkingSet / 1e6,6:F0} MB  failures {load.Failures}{(load.FirstError is null ? "" : " (" + load.FirstError + ")")}  " +
                $"rounds {string.Join(" ", cell.Rounds.Select(r => r.Throughput.ToString("F1", CultureInfo.InvariantCulture)))} req/s");
        }

        return cells;
    }

    /// <summary>One request per workload and target before measuring: a target that cannot answer would only produce noise.</summary>
    private static async Task<bool> SmokeTestAsync(IReadOnlyList<BenchTarget> targets)
    {
        using var client = new SequentialClient();
        var ok = true;
        foreach (var workload in Workload.All)
        {
            foreach (var target in targets)
            {
                if (await client.SendAsync(target.Origin, workload.For(target.Kind), 1) != 0)
                {
                    Console.Error.WriteLine($"smoke test failed: {workload.Name} against {target.Kind.Label()}\n{target.RecentOutput()}");
                    ok = false;
                }
            }
        }

        return ok;
    }
}
