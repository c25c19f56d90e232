using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ImageAdapter.Bench;

/// <summary>Renders a run as markdown (the projects run with invariant globalization, so numbers format with a dot): the tables, start-up, allocations, soak, and the targets with PASS/FAIL.</summary>
internal static class ResultsReport
{
    public static string Render(BenchResults r)
    {
        var md = new StringBuilder();
        var o = r.Options;
        md.AppendLine("# ImageAdapter benchmark results").AppendLine();
        md.AppendLine(($"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Elapsed.TotalMinutes:F1} min; {Environment.ProcessorCount} logical CPUs, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}. Every cell: {o.WarmUp.TotalSeconds:0.#} s warm-up, " +
            $"{o.Duration.TotalSeconds:0.#} s measured, closed loop (each client sends its next request when the previous answer is read)."));
        md.AppendLine();
        md.AppendLine("All processes run on loopback on the same machine and share its CPUs: the load generator, the simulator, " +
            "the YARP proxy and the adapter. Nothing is pinned. On a 2-CPU machine a two-hop target (YARP, adapter) competes with " +
            "the simulator and the load generator for the same cores, which lowers its throughput and raises its latency more than " +
            "a deployment with the upstream elsewhere would.").AppendLine();
        md.AppendLine("The simulator, the proxy and the adapter are framework-dependent Release builds started with `dotnet <dll>`, each " +
            "with server GC (the ASP.NET Core default; the proxy gets `DOTNET_gcServer=1`); the load generator uses workstation GC. " +
            "The simulator keeps every request it receives in memory (its test API) and is not a target of the memory figures.").AppendLine();
        md.AppendLine("Targets: **direct** = the Fireworks simulator called with the request the adapter would send; " +
            "**YARP** = the same request through a plain YARP pass-through (one .NET proxy hop, the floor); " +
            "**adapter** = `POST /v1/images/generations` on the standalone server in front of the simulator.").AppendLine();

        ThroughputTable(md, r);
        MemoryTable(md, r);
        Startup(md, r);
        Allocations(md, r);
        Soak(md, r);
        Targets(md, r);
        return md.ToString();
    }

    private static void ThroughputTable(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Throughput and latency").AppendLine();
        md.AppendLine("Latency in ms, successful requests only. *Added* = that target minus direct at the same percentile (YARP's is the floor's share). " +
            "*adapter / YARP* = throughput ratio, target >= 0.8.").AppendLine();
        md.AppendLine("| workload | clients | direct req/s | YARP req/s | adapter req/s | adapter / YARP | direct p50 / p99 | YARP p50 / p99 | adapter p50 / p99 | adapter added p50 / p99 | YARP added p50 / p99 |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (workload, clients) in Rows(r))
        {
            var d = r.Cell(workload, clients, TargetKind.Direct).Load;
            var y = r.Cell(workload, clients, TargetKind.Yarp).Load;
            var a = r.Cell(workload, clients, TargetKind.Adapter).Load;
            var ratio = a.Throughput / y.Throughput;
            md.AppendLine((
                $"| {workload.Name} | {clients} | {d.Throughput:F1} | {y.Throughput:F1} | {a.Throughput:F1} | {ratio:F2} {(ratio >= 0.8 ? "PASS" : "FAIL")} | " +
                $"{d.P50:F1} / {d.P99:F1} | {y.P50:F1} / {y.P99:F1} | {a.P50:F1} / {a.P99:F1} | {a.P50 - d.P50:F1} / {a.P99 - d.P99:F1} | {y.P50 - d.P50:F1} / {y.P99 - d.P99:F1} |"));
        }

        md.AppendLine();
    }

    private static void MemoryTable(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Peak working set and failures").AppendLine();
        md.AppendLine("Peak working set (MB, sampled every 100 ms) of the process serving that target during the cell: the simulator " +
            "for direct, the proxy process for YARP, the adapter server process for adapter. A process keeps memory it took in " +
            "earlier cells, so a cell's peak is at least what the process still held when it began. Response size is the body the " +
            "client read. Failures are non-200 answers and transport errors.").AppendLine();
        md.AppendLine("| workload | clients | simulator MB | YARP MB | adapter MB | direct / adapter response MB | failures direct / YARP / adapter |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var (workload, clients) in Rows(r))
        {
            var d = r.Cell(workload, clients, TargetKind.Direct);
            var y = r.Cell(workload, clients, TargetKind.Yarp);
            var a = r.Cell(workload, clients, TargetKind.Adapter);
            md.AppendLine((
                $"| {workload.Name} | {clients} | {Mb(d.PeakWorkingSet)} | {Mb(y.PeakWorkingSet)} | {Mb(a.PeakWorkingSet)} | " +
                $"{d.Load.MegabytesPerResponse:F2} / {a.Load.MegabytesPerResponse:F2} | {d.Load.Failures} / {y.Load.Failures} / {a.Load.Failures} |"));
        }

        md.AppendLine();
        var errors = r.Cells.Where(c => c.Load.FirstError is not null).ToArray();
        foreach (var cell in errors)
        {
            md.AppendLine(($"- {cell.Workload.Name}, {cell.Clients} clients, {cell.Target}: {cell.Load.Failures} failures, first: {cell.Load.FirstError}"));
        }

        if (errors.Length > 0)
        {
            md.AppendLine();
        }
    }

    private static void Startup(StringBuilder md, BenchResults r)
    {
        var s = r.Startup;
        md.AppendLine("## Start to first response").AppendLine();
        md.AppendLine(($"`dotnet ImageAdapter.Server.dll` (Release build, framework-dependent) started {s.FirstResponse.Count} times; " +
            $"time from `Process.Start` to the first 200 on `/healthz` and on `POST /v1/images/generations` (SDXL n=1, simulator already warm)."));
        md.AppendLine();
        md.AppendLine("| start | /healthz 200 (ms) | first generation 200 (ms) |");
        md.AppendLine("|--:|--:|--:|");
        for (var i = 0; i < s.FirstResponse.Count; i++)
        {
            md.AppendLine(($"| {i + 1} | {s.Health[i].TotalMilliseconds:F0} | {s.FirstResponse[i].TotalMilliseconds:F0} |"));
        }

        md.AppendLine(($"| **median** | **{s.MedianHealth.TotalMilliseconds:F0}** | **{s.MedianFirstResponse.TotalMilliseconds:F0}** |"));
        md.AppendLine();
    }

    private static void Allocations(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Allocated bytes per request (adapter)").AppendLine();
        md.AppendLine(($"The server process has no allocation counter, so the adapter is hosted inside the bench process " +
            $"(`AddImageAdapter` + `MapImageAdapter` on Kestrel, as the server's `Program` does, the simulator process upstream) and " +
            $"`GC.GetTotalAllocatedBytes(precise: true)` is read around {r.Options.AllocationRequests} sequential requests after 20 warm-up " +
            $"requests. The client's share is measured with the identical client against the adapter server process and subtracted."));
        md.AppendLine();
        md.AppendLine("| workload | adapter bytes / request | adapter MB / request | client bytes / request (subtracted) | failures |");
        md.AppendLine("|---|--:|--:|--:|--:|");
        foreach (var a in r.Allocations)
        {
            md.AppendLine(($"| {a.Workload.Name} | {a.AdapterBytesPerRequest:N0} | {a.AdapterBytesPerRequest / 1e6:F2} | {a.ClientBytesPerRequest:N0} | {a.Failures} |"));
        }

        md.AppendLine();
    }

    private static void Soak(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Soak").AppendLine();
        if (r.Soak is not { } soak)
        {
            md.AppendLine("Not run (pass `--soak 5m`).").AppendLine();
            return;
        }

        md.AppendLine(($"Adapter, SDXL n=1, {SoakRun.Clients} clients for {soak.Duration.TotalMinutes:F1} min: " +
            $"{soak.Load.Succeeded} requests ({soak.Load.Throughput:F1} req/s, p99 {soak.Load.P99:F1} ms, {soak.Load.Failures} failures). " +
            $"Working set average over the first {soak.Window.TotalSeconds:F0} s: {soak.FirstWindowAverage / 1e6:F0} MB; " +
            $"over the last {soak.Window.TotalSeconds:F0} s: {soak.LastWindowAverage / 1e6:F0} MB; growth {soak.Growth * 100:F1} % " +
            $"(pass when <= {SoakResult.AllowedGrowth * 100:F0} %)."));
        md.AppendLine();
        md.AppendLine("Samples (s: MB): " + string.Join(", ", soak.Samples.Select(s => ($"{s.At.TotalSeconds:F0}: {s.Bytes / 1e6:F0}"))));
        md.AppendLine();
    }

    private static void Targets(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| target | figure | result |");
        md.AppendLine("|---|---|---|");

        var ratios = Rows(r).Select(row => (row.Workload, row.Clients,
            Ratio: r.Cell(row.Workload, row.Clients, TargetKind.Adapter).Load.Throughput / r.Cell(row.Workload, row.Clients, TargetKind.Yarp).Load.Throughput)).ToArray();
        // NaN (nothing answered in the window) counts as a miss: the ratio could not be shown to hold.
        var worst = ratios.MinBy(x => double.IsNaN(x.Ratio) ? double.MinValue : x.Ratio);
        var misses = ratios.Where(x => !(x.Ratio >= 0.8)).Select(x => ($"{x.Workload.Name} @ {x.Clients}: {x.Ratio:F2}")).ToArray();
        Row(md, "adapter throughput >= 0.8 x YARP on every workload",
            ($"lowest {worst.Ratio:F2} ({worst.Workload.Name}, {worst.Clients} clients)") + (misses.Length > 0 ? "; below 0.8: " + string.Join("; ", misses) : ""),
            misses.Length == 0);

        var latency = Workload.All.Where(w => w.N == 1 && r.Options.Clients.Contains(16)).Select(w => (w,
            Added: r.Cell(w, 16, TargetKind.Adapter).Load.P99 - r.Cell(w, 16, TargetKind.Direct).Load.P99,
            Floor: r.Cell(w, 16, TargetKind.Yarp).Load.P99 - r.Cell(w, 16, TargetKind.Direct).Load.P99)).ToArray();
        if (latency.Length > 0)
        {
            Row(md, "p99 added latency over direct <= 5 ms at 16 clients, n=1",
                string.Join("; ", latency.Select(x => ($"{x.w.Name}: {x.Added:F1} ms (YARP adds {x.Floor:F1} ms)"))), latency.All(x => x.Added <= 5));
        }

        var n4 = Workload.All.Single(w => w.N == 4);
        if (r.Options.Clients.Contains(64))
        {
            var peak = r.Cell(n4, 64, TargetKind.Adapter).PeakWorkingSet;
            Row(md, "adapter peak working set <= 400 MB at 64 clients, n=4", ($"{Mb(peak)} MB"), peak <= 400_000_000);
        }

        if (r.Soak is { } soak)
        {
            Row(md, "no working-set growth over the soak",
                ($"{soak.FirstWindowAverage / 1e6:F0} MB -> {soak.LastWindowAverage / 1e6:F0} MB ({soak.Growth * 100:+0.0;-0.0} %) over {soak.Duration.TotalMinutes:F1} min"),
                soak.Passed && soak.Duration >= TimeSpan.FromMinutes(5) ? true : soak.Passed ? null : false);
        }
        else
        {
            md.AppendLine("| no working-set growth over a 5-minute soak | not run in this invocation (`--soak 5m`) | NOT RUN |");
        }

        var startup = r.Startup.MedianFirstResponse;
        Row(md, "start to first response <= 1.5 s", ($"median {startup.TotalMilliseconds:F0} ms of {r.Startup.FirstResponse.Count}"), startup <= TimeSpan.FromSeconds(1.5));

        var failures = r.Cells.Sum(c => c.Load.Failures);
        md.AppendLine(($"| (all requests answered 200) | {failures} failures in the matrix | {(failures == 0 ? "PASS" : "FAIL")} |"));
        md.AppendLine();
    }

    /// <summary>Writes PASS, FAIL, or (null) PASS for a soak shorter than the 5 minutes the target asks for.</summary>
    private static void Row(StringBuilder md, string target, string figure, bool? passed) =>
        md.AppendLine($"| {target} | {figure} | {(passed switch { true => "PASS", false => "FAIL", null => "PASS (shorter than 5 min)" })} |");

    private static IEnumerable<(Workload Workload, int Clients)> Rows(BenchResults r) =>
        from w in Workload.All from c in r.Options.Clients select (w, c);

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture);
}
