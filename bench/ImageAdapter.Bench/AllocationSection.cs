using System.Text;
using static ImageAdapter.Bench.ReportFormat;

namespace ImageAdapter.Bench;

/// <summary>The report's allocated-bytes section: per target and workload, with each serving process's share.</summary>
internal static class AllocationSection
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Allocated bytes per request").AppendLine();
        if (r.Allocations.Count == 0)
        {
            md.AppendLine("Not measured (no target but direct).").AppendLine();
            return;
        }

        var targets = r.Allocations.Select(a => a.Target).Distinct().ToArray();
        var ratio = targets.Contains(TargetKind.Functions) && targets.Contains(TargetKind.YarpServer);
        md.AppendLine("Counted from outside each serving process, the same way for every process: an EventPipe session (what " +
            "`dotnet-counters` and `dotnet-trace` open) with the runtime's GC events, whose `GCAllocationTick` reports the bytes " +
            $"each heap allocated since its previous tick, about every {AllocationCounter.TickBytes / 1024} KB per heap and object kind. " +
            $"Per workload and target: {AllocationProbe.WarmUpRequests} warm-up requests, then {r.Options.AllocationRequests} sequential " +
            "requests from one client; the ticks between the first request's start and the last answer's end, divided by the " +
            "requests. What a heap had not yet reported at either end of the window is missed or added, under " +
            $"{AllocationCounter.TickBytes / 1024} KB per heap and object kind: about {AllocationCounter.TickBytes / 1024.0 / r.Options.AllocationRequests:0.#} KB " +
            "per request for each. The load generator's own allocations are not in these figures. For two-process targets the sum " +
            "comes first, then each process's share. (The System.Runtime meter's `dotnet.gc.heap.total_allocated` is not used: under " +
            "server GC with DATAS it stands still while heaps that were decommissioned are out of its sum, dotnet/runtime#131069.)").AppendLine();
        md.AppendLine("| workload | " + string.Join(" | ", targets.Select(t => $"{t.Label()} bytes / request"))
            + (ratio ? " | Functions / YARP+server" : "") + " | failures " + string.Join(" / ", targets.Select(t => t.Label())) + " |");
        md.AppendLine("|---|" + string.Concat(targets.Select(_ => "--:|")) + (ratio ? "--:|" : "") + "--:|");
        foreach (var workload in Workload.All)
        {
            var row = $"| {workload.Name} | " + string.Join(" | ", targets.Select(t => r.Allocation(workload, t) is { } a ? Allocated(a) : "-"));
            if (ratio)
            {
                row += r.Allocation(workload, TargetKind.Functions) is { } f && r.Allocation(workload, TargetKind.YarpServer) is { } y
                    ? $" | {f.BytesPerRequest / y.BytesPerRequest:F2}"
                    : " | -";
            }

            md.AppendLine(row + " | " + string.Join(" / ", targets.Select(t => r.Allocation(workload, t)?.Failures.ToString() ?? "-")) + " |");
        }

        md.AppendLine();
    }
}
