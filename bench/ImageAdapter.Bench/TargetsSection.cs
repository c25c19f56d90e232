using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>The report's closing table: each target with its figure and PASS/FAIL, or NOT RUN when its targets or concurrency were not run.</summary>
internal static class TargetsSection
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| target | figure | result |");
        md.AppendLine("|---|---|---|");
        AdapterRows(md, r);
        FunctionsRows(md, r);

        if (r.Soak is { } soak)
        {
            Row(md, "no working-set growth over the soak",
                $"{soak.FirstWindowAverage / 1e6:F0} MB -> {soak.LastWindowAverage / 1e6:F0} MB ({soak.Growth * 100:+0.0;-0.0} %) over {soak.Duration.TotalMinutes:F1} min",
                soak.Passed && soak.Duration >= TimeSpan.FromMinutes(5) ? true : soak.Passed ? null : false);
        }
        else
        {
            NotRun(md, "no working-set growth over a 5-minute soak", "not run in this invocation (`--soak 5m`)");
        }

        if (r.Startup is { } startup)
        {
            Row(md, "start to first response <= 1.5 s", $"median {startup.MedianFirstResponse.TotalMilliseconds:F0} ms of {startup.FirstResponse.Count}",
                startup.MedianFirstResponse <= TimeSpan.FromSeconds(1.5));
        }
        else
        {
            NotRun(md, "start to first response <= 1.5 s", "not run (needs the `adapter` target)");
        }

        var failures = r.Cells.Sum(c => c.Load.Failures);
        md.AppendLine($"| (all requests answered 200) | {failures} failures in the matrix | {(failures == 0 ? "PASS" : "FAIL")} |");
        md.AppendLine();
    }

    private static void AdapterRows(StringBuilder md, BenchResults r)
    {
        const string ThroughputTarget = "adapter throughput >= 0.8 x YARP on every workload";
        if (r.Has(TargetKind.Adapter) && r.Has(TargetKind.Yarp))
        {
            var ratios = Rows(r).Select(row => (row.Workload, row.Clients,
                Ratio: r.Cell(row.Workload, row.Clients, TargetKind.Adapter).Load.Throughput / r.Cell(row.Workload, row.Clients, TargetKind.Yarp).Load.Throughput)).ToArray();
            // NaN (nothing answered in the window) counts as a miss: the ratio could not be shown to hold.
            var worst = ratios.MinBy(x => double.IsNaN(x.Ratio) ? double.MinValue : x.Ratio);
            var misses = ratios.Where(x => !(x.Ratio >= TrafficTables.AdapterOverYarp)).Select(x => $"{x.Workload.Name} @ {x.Clients}: {x.Ratio:F2}").ToArray();
            Row(md, ThroughputTarget,
                $"lowest {worst.Ratio:F2} ({worst.Workload.Name}, {worst.Clients} clients)" + (misses.Length > 0 ? "; below 0.8: " + string.Join("; ", misses) : ""),
                misses.Length == 0);
        }
        else
        {
            NotRun(md, ThroughputTarget, "needs the `adapter` and `yarp` targets");
        }

        const string LatencyTarget = "p99 added latency over direct <= 5 ms at 16 clients, n=1";
        if (r.Has(TargetKind.Adapter) && r.Has(TargetKind.Direct) && r.Options.Clients.Contains(16))
        {
            var latency = Workload.All.Where(w => w.N == 1).Select(w => (w,
                Added: r.Cell(w, 16, TargetKind.Adapter).Load.P99 - r.Cell(w, 16, TargetKind.Direct).Load.P99,
                Floor: r.TryCell(w, 16, TargetKind.Yarp) is { } y ? y.Load.P99 - r.Cell(w, 16, TargetKind.Direct).Load.P99 : (double?)null)).ToArray();
            Row(md, LatencyTarget,
                string.Join("; ", latency.Select(x => $"{x.w.Name}: {x.Added:F1} ms" + (x.Floor is { } floor ? $" (YARP adds {floor:F1} ms)" : ""))),
                latency.All(x => x.Added <= 5));
        }
        else
        {
            NotRun(md, LatencyTarget, "needs the `adapter` and `direct` targets and 16 clients");
        }

        const string MemoryTarget = "adapter peak working set <= 400 MB at 64 clients, n=4";
        if (r.Has(TargetKind.Adapter) && r.Options.Clients.Contains(64))
        {
            var peak = r.Cell(Workload.All.Single(w => w.N == 4), 64, TargetKind.Adapter).PeakWorkingSet;
            Row(md, MemoryTarget, $"{Mb(peak)} MB", peak <= 400_000_000);
        }
        else
        {
            NotRun(md, MemoryTarget, "needs the `adapter` target and 64 clients");
        }
    }

    private static void FunctionsRows(StringBuilder md, BenchResults r)
    {
        var rows = FunctionsComparison.For(r);
        var scope = $"at {FunctionsComparison.Clients} clients, SDXL n=1 and n=4";
        var throughput = $"Functions throughput >= {FunctionsComparison.MinThroughputRatio} x YARP+server {scope}";
        var allocation = $"Functions allocation per request (host + worker) <= {FunctionsComparison.MaxAllocationRatio} x (YARP + server) {scope}";
        var workingSet = $"Functions peak working set (host + worker) <= {FunctionsComparison.MaxWorkingSetRatio} x (YARP + server) {scope}";
        if (rows.Count == 0)
        {
            var why = $"needs the `functions` and `yarp-server` targets and {FunctionsComparison.Clients} clients";
            NotRun(md, throughput, why);
            NotRun(md, allocation, why);
            NotRun(md, workingSet, why);
            return;
        }

        string Figures(Func<FunctionsRatios, double> ratio) => string.Join("; ", rows.Select(x => $"n={x.Workload.N}: {ratio(x):F2}"));
        Row(md, throughput, Figures(x => x.Throughput), rows.All(x => x.ThroughputPasses));
        Row(md, allocation, Figures(x => x.Allocation), rows.All(x => x.AllocationPasses));
        Row(md, workingSet, Figures(x => x.WorkingSet), rows.All(x => x.WorkingSetPasses));
    }

    private static void Row(StringBuilder md, string target, string figure, bool? passed) =>
        md.AppendLine($"| {target} | {figure} | {Verdict(passed)} |");

    private static void NotRun(StringBuilder md, string target, string why) =>
        md.AppendLine($"| {target} | {why} | NOT RUN |");
}
