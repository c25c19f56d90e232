using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>The report's per-cell tables: throughput, latency, and peak working set with failures.</summary>
internal static class TrafficTables
{
    public const double AdapterOverYarp = 0.8;

    public static void Render(StringBuilder md, BenchResults r)
    {
        Throughput(md, r);
        Latency(md, r);
        Memory(md, r);
    }

    private static void Throughput(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        var adapterRatio = r.Has(TargetKind.Adapter) && r.Has(TargetKind.Yarp);
        var functionsRatio = r.Has(TargetKind.Functions) && r.Has(TargetKind.YarpServer);
        md.AppendLine("## Throughput").AppendLine();
        md.AppendLine($"Successful requests per second. *adapter / YARP*: target >= {AdapterOverYarp}. *Functions / YARP+server*: its target " +
            $"(>= {FunctionsComparison.MinThroughputRatio} at 16 clients for SDXL n=1 and n=4) is judged in the Functions section below.").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} req/s"))
            + (adapterRatio ? " | adapter / YARP" : "") + (functionsRatio ? " | Functions / YARP+server" : "") + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Select(_ => "--:|")) + (adapterRatio ? "--:|" : "") + (functionsRatio ? "--:|" : ""));
        foreach (var (workload, clients) in Rows(r))
        {
            double Rate(TargetKind t) => r.Cell(workload, clients, t).Load.Throughput;
            var row = $"| {workload.Name} | {clients} | " + string.Join(" | ", targets.Select(t => $"{Rate(t):F1}"));
            if (adapterRatio)
            {
                var ratio = Rate(TargetKind.Adapter) / Rate(TargetKind.Yarp);
                row += $" | {ratio:F2} {(ratio >= AdapterOverYarp ? "PASS" : "FAIL")}";
            }

            if (functionsRatio)
            {
                row += $" | {Rate(TargetKind.Functions) / Rate(TargetKind.YarpServer):F2}";
            }

            md.AppendLine(row + " |");
        }

        md.AppendLine();
    }

    private static void Latency(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        var added = r.Has(TargetKind.Direct) ? targets.Where(t => t != TargetKind.Direct).ToArray() : [];
        md.AppendLine("## Latency").AppendLine();
        md.AppendLine("p50 / p99 in ms, successful requests only. *Added* = that target minus direct at the same percentile " +
            "(YARP's is the floor's share).").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} p50 / p99"))
            + string.Concat(added.Select(t => $" | {t.Label()} added p50 / p99")) + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Concat(added).Select(_ => "--:|")));
        foreach (var (workload, clients) in Rows(r))
        {
            LoadResult Load(TargetKind t) => r.Cell(workload, clients, t).Load;
            var row = $"| {workload.Name} | {clients} | " + string.Join(" | ", targets.Select(t => $"{Load(t).P50:F1} / {Load(t).P99:F1}"));
            row += string.Concat(added.Select(t =>
                $" | {Load(t).P50 - Load(TargetKind.Direct).P50:F1} / {Load(t).P99 - Load(TargetKind.Direct).P99:F1}"));
            md.AppendLine(row + " |");
        }

        md.AppendLine();
    }

    private static void Memory(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        md.AppendLine("## Peak working set and failures").AppendLine();
        md.AppendLine("Peak working set (MB, sampled every 100 ms) of the processes serving that target during the cell: the simulator " +
            "for direct, the proxy for YARP, the server for adapter; for YARP+server and Functions the peak of the two processes' sum " +
            "(sampled together), then each process's own peak in parentheses (YARP + server, host + worker). A process keeps memory " +
            "it took in earlier cells, so a cell's peak is at least what the process still held when it began. Response size is the " +
            "body the client read: the Fireworks answer (direct, YARP) and the OpenAI answer (the adapter in any host). Failures are " +
            "non-200 answers and transport errors.").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} MB"))
            + " | response MB Fireworks / OpenAI | failures " + string.Join(" / ", targets.Select(t => t.Label())) + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Select(_ => "--:|")) + "--:|--:|");
        foreach (var (workload, clients) in Rows(r))
        {
            var cells = targets.Select(t => r.Cell(workload, clients, t)).ToArray();
            string Size(bool openAi) => cells.FirstOrDefault(c => c.Target.TakesOpenAiRequest() == openAi) is { } c ? $"{c.Load.MegabytesPerResponse:F2}" : "-";
            md.AppendLine($"| {workload.Name} | {clients} | " + string.Join(" | ", cells.Select(WorkingSet))
                + $" | {Size(false)} / {Size(true)} | " + string.Join(" / ", cells.Select(c => c.Load.Failures)) + " |");
        }

        md.AppendLine();
        var errors = r.Cells.Where(c => c.Load.FirstError is not null).ToArray();
        foreach (var cell in errors)
        {
            md.AppendLine($"- {cell.Workload.Name}, {cell.Clients} clients, {cell.Target.Label()}: {cell.Load.Failures} failures, first: {cell.Load.FirstError}");
        }

        if (errors.Length > 0)
        {
            md.AppendLine();
        }
    }
}
