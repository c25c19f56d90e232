using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>
/// The report's CPU time per request: what each target's own processes spent per answer, the figure instance counts
/// follow. Throughput on a shared two-core machine also moves with the simulator and the load generator; CPU per
/// request moves much less, so it shows what a throughput ratio near its threshold is made of.
/// </summary>
internal static class CpuTable
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        var pairs = ComparedPair.In(r);

        md.AppendLine("## CPU per request").AppendLine();
        md.AppendLine("CPU time (user and kernel, from the processes' own counters) that the target's processes spent in the measured " +
            "windows, in ms, divided by the 200 answers that ended in them: the simulator for direct; the proxy, the floor or " +
            "the server alone for the single-process targets; both processes for YARP+server and Functions. The simulator's " +
            "and the load generator's CPU are outside every figure but direct's. Ratios, taken round by round as above, have no " +
            "target of their own: they explain the throughput ratios above.").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} ms")) +
            string.Concat(pairs.Select(pair => $" | {pair.Name}")) + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Concat(pairs.Select(pair => pair.Target)).Select(_ => "--:|")));
        foreach (var (workload, clients) in Rows(r))
        {
            double Cpu(TargetKind t) => r.Cell(workload, clients, t).Load.CpuMsPerRequest;
            md.AppendLine($"| {workload.Name} | {clients} | " + string.Join(" | ", targets.Select(t => $"{Cpu(t):F2}")) +
                string.Concat(pairs.Select(pair => $" | {pair.Ratio(r, workload, clients, load => load.CpuMsPerRequest)}")) + " |");
        }

        md.AppendLine();
    }
}
