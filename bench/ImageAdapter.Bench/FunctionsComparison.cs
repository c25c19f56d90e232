using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>
/// The Functions host against the fair floor, the server behind one YARP hop (the host is itself a proxy hop in front of
/// its worker), at 16 clients for SDXL n=1 and n=4: throughput >= 0.9 x, allocated bytes per request and peak working
/// set (host + worker against YARP + server) <= 1.5 x.
/// </summary>
internal static class FunctionsComparison
{
    public const int Clients = 16;
    public const double MinThroughputRatio = 0.9;
    public const double MaxAllocationRatio = 1.5;
    public const double MaxWorkingSetRatio = 1.5;

    /// <summary>One row per SDXL workload, or none when functions, yarp-server or 16 clients were not run.</summary>
    public static IReadOnlyList<FunctionsRatios> For(BenchResults r) =>
        Workload.All.Where(w => !w.IsFlux)
            .Select(w => r.TryCell(w, Clients, TargetKind.Functions) is { } f && r.TryCell(w, Clients, TargetKind.YarpServer) is { } y
                ? new FunctionsRatios(w, f, y, r.Allocation(w, TargetKind.Functions), r.Allocation(w, TargetKind.YarpServer))
                : null)
            .OfType<FunctionsRatios>()
            .ToArray();

    public static void Render(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Functions host against the server behind YARP").AppendLine();
        var rows = For(r);
        if (rows.Count == 0)
        {
            md.AppendLine($"Not run: it needs the `functions` and `yarp-server` targets and {Clients} clients.").AppendLine();
            return;
        }

        md.AppendLine($"{Clients} clients. Throughput: Functions / YARP+server, target >= {MinThroughputRatio}. Allocated bytes per request " +
            $"(host + worker) / (YARP + server), target <= {MaxAllocationRatio}. Peak working set of the cell, sum of host and worker " +
            $"against sum of YARP and server, target <= {MaxWorkingSetRatio}.").AppendLine();
        md.AppendLine("| workload | Functions req/s | YARP+server req/s | throughput ratio | Functions bytes / request | YARP+server bytes / request " +
            "| allocation ratio | Functions MB | YARP+server MB | working-set ratio |");
        md.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            md.AppendLine($"| {row.Workload.Name} | {row.Functions.Load.Throughput:F1} | {row.YarpServer.Load.Throughput:F1} | " +
                $"{row.Throughput} {Verdict(row.ThroughputPasses)} | " +
                $"{(row.FunctionsAllocation is { } f ? Allocated(f) : "-")} | {(row.YarpServerAllocation is { } y ? Allocated(y) : "-")} | " +
                $"{row.Allocation:F2} {Verdict(row.AllocationPasses)} | {WorkingSet(row.Functions)} | {WorkingSet(row.YarpServer)} | " +
                $"{row.WorkingSet:F2} {Verdict(row.WorkingSetPasses)} |");
        }

        md.AppendLine();
    }
}
