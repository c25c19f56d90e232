using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>The report's closing table: each target with its figure and PASS/FAIL, or NOT RUN when its targets or concurrency were not run.</summary>
internal static class TargetsSection
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("The adapter runs with its default settings: only the simulator's address, the keys and Warning logging are set " +
            "(adapter-info keeps the levels it ships with), plus whatever the bench's own environment carries.").AppendLine();
        md.AppendLine("| target | figure | result |");
        md.AppendLine("|---|---|---|");
        AdapterTargetRows.Render(md, r);
        FunctionsRows(md, r);

        if (r.Soak is { } soak)
        {
            Row(md, "no working-set growth over the soak",
                $"{soak.FirstWindowAverage / 1e6:F0} MB -> {soak.LastWindowAverage / 1e6:F0} MB ({soak.Growth * 100:+0.0;-0.0;0.0} %) over {soak.Duration.TotalMinutes:F1} min",
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

        string Figures(Func<FunctionsRatios, string> ratio) => string.Join("; ", rows.Select(x => $"n={x.Workload.N}: {ratio(x)}"));
        Row(md, throughput, Figures(x => $"median {x.Throughput}"), rows.All(x => x.ThroughputPasses));
        Row(md, allocation, Figures(x => $"{x.Allocation:F2}"), rows.All(x => x.AllocationPasses));
        Row(md, workingSet, Figures(x => $"{x.WorkingSet:F2}"), rows.All(x => x.WorkingSetPasses));
    }

    public static void Row(StringBuilder md, string target, string figure, bool? passed) =>
        md.AppendLine($"| {target} | {figure} | {Verdict(passed)} |");

    public static void NotRun(StringBuilder md, string target, string why) =>
        md.AppendLine($"| {target} | {why} | NOT RUN |");
}
