using System.Text;
using static ImageAdapter.Bench.AdapterTargets;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>The report's per-cell tables: throughput, CPU per request, latency, and peak working set with failures.</summary>
internal static class TrafficTables
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        Throughput(md, r);
        CpuTable.Render(md, r);
        Latency(md, r);
        Memory(md, r);
    }

    private static void Throughput(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        var pairs = ComparedPair.In(r);
        md.AppendLine("## Throughput").AppendLine();
        md.AppendLine($"Successful requests per second: the 200 answers that ended in the cell's windows over their length. " +
            "A ratio is the median of the rounds' ratios, then the lowest and the highest round in parentheses; the verdict is " +
            $"on the median. *adapter / floor*: target >= {MinThroughputOverFloor}. *adapter-info / adapter* " +
            $"(Information logging over Warning): target >= {MinInformationOverWarning}. *adapter / floor-rt* (the adapter's code, " +
            "both with the adapter's runtime settings) and *floor-rt / floor* (those settings against ASP.NET Core's defaults, " +
            "the same code) have no target: their product is about adapter / floor. *Functions / YARP+server*: its target " +
            $"(>= {FunctionsComparison.MinThroughputRatio} at 16 clients for SDXL n=1 and n=4) is judged in the Functions section below.").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} req/s"))
            + string.Concat(pairs.Select(pair => $" | {pair.Name}")) + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Concat(pairs.Select(pair => pair.Target)).Select(_ => "--:|")));
        foreach (var (workload, clients) in Rows(r))
        {
            double Rate(TargetKind t) => r.Cell(workload, clients, t).Load.Throughput;
            string Judged(ComparedPair pair)
            {
                var ratio = pair.Ratio(r, workload, clients, load => load.Throughput);
                return pair.MinThroughput is { } min ? $"{ratio} {Verdict(ratio.Median >= min)}" : $"{ratio}";
            }

            md.AppendLine($"| {workload.Name} | {clients} | " + string.Join(" | ", targets.Select(t => $"{Rate(t):F1}"))
                + string.Concat(pairs.Select(pair => $" | {Judged(pair)}")) + " |");
        }

        md.AppendLine();
    }

    private static void Latency(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        var added = r.Has(TargetKind.Direct) ? targets.Where(t => t != TargetKind.Direct).ToArray() : [];
        var overFloor = r.Has(TargetKind.Adapter) && r.Has(TargetKind.Floor);
        md.AppendLine("## Latency").AppendLine();
        md.AppendLine("p50 / p99 in ms, successful requests only. *Added* = that target minus direct at the same percentile. " +
            $"*adapter over floor* = adapter minus floor, over all rounds at once; *by round* = adapter p99 minus floor p99 in each " +
            "round (the two measured in adjacent windows), median then lowest and highest round, what the target is judged on " +
            $"(p99 <= {MaxP99OverFloorMs} ms at {LatencyClients} clients for n=1).").AppendLine();
        md.AppendLine("| workload | clients | " + string.Join(" | ", targets.Select(t => $"{t.Label()} p50 / p99"))
            + string.Concat(added.Select(t => $" | {t.Label()} added p50 / p99")) + (overFloor ? " | adapter over floor p50 / p99 | adapter over floor p99 by round" : "") + " |");
        md.AppendLine("|---|--:|" + string.Concat(targets.Concat(added).Select(_ => "--:|")) + (overFloor ? "--:|--:|" : ""));
        foreach (var (workload, clients) in Rows(r))
        {
            LoadResult Load(TargetKind t) => r.Cell(workload, clients, t).Load;
            string Over(TargetKind t, TargetKind baseline) => $"{Load(t).P50 - Load(baseline).P50:F1} / {Load(t).P99 - Load(baseline).P99:F1}";
            var row = $"| {workload.Name} | {clients} | " + string.Join(" | ", targets.Select(t => $"{Load(t).P50:F1} / {Load(t).P99:F1}"));
            row += string.Concat(added.Select(t => $" | {Over(t, TargetKind.Direct)}"));
            row += overFloor ? $" | {Over(TargetKind.Adapter, TargetKind.Floor)} | {P99OverFloorByRound(r, workload, clients)}" : "";
            md.AppendLine(row + " |");
        }

        md.AppendLine();
    }

    private static void Memory(StringBuilder md, BenchResults r)
    {
        var targets = r.Options.Targets;
        md.AppendLine("## Peak working set and failures").AppendLine();
        md.AppendLine("Peak working set (MB, sampled every 100 ms) of the processes serving that target during the cell: the simulator " +
            "for direct, the proxy for YARP, the floor's process for floor, the server for adapter and adapter-info; for YARP+server " +
            "and Functions the peak of the two processes' sum (sampled together), then each process's own peak in parentheses " +
            "(YARP + server, host + worker). A process keeps memory it took in earlier cells, so a cell's peak is at least what the " +
            "process still held when it began. Response size is the body the client read: the Fireworks answer (direct, YARP) and " +
            "the OpenAI answer (of the first target run that takes it; the floor's lacks only the adapter's `size` and `usage`, " +
            "under 200 bytes). Failures are non-200 answers and transport errors.").AppendLine();
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
