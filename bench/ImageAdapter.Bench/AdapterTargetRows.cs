using System.Text;
using static ImageAdapter.Bench.AdapterTargets;
using static ImageAdapter.Bench.ReportFormat;
using static ImageAdapter.Bench.TargetsSection;

namespace ImageAdapter.Bench;

/// <summary>
/// The Targets rows for the adapter (<see cref="AdapterTargets"/>): throughput and p99 against the floor, peak working
/// set, no 429, allocation per request, and Information logging against Warning. A figure that could not be computed
/// (NaN: nothing answered) fails.
/// </summary>
internal static class AdapterTargetRows
{
    public static void Render(StringBuilder md, BenchResults r)
    {
        EveryCell(md, r, $"adapter throughput >= {MinThroughputOverFloor} x floor on every workload and concurrency",
            TargetKind.Floor, (w, c) => OverFloor(r, w, c), MinThroughputOverFloor);
        P99OverFloor(md, r);
        WorkingSet(md, r, w => w.N == 4, BusyClients, MaxWorkingSetN4At64, "n=4");
        WorkingSet(md, r, w => w.N == 1, LatencyClients, MaxWorkingSetN1At16, "n=1");
        NoTooManyRequests(md, r);
        Allocation(md, r, w => w.N == 1, MaxAllocatedN1, "n=1");
        Allocation(md, r, w => w.N == 4, MaxAllocatedN4, "n=4");
        EveryCell(md, r, $"Information logging (adapter-info) throughput within {(1 - MinInformationOverWarning) * 100:0} % of Warning (adapter) on every cell",
            TargetKind.AdapterInfo, (w, c) => InformationOverWarning(r, w, c), MinInformationOverWarning);
    }

    private static void EveryCell(StringBuilder md, BenchResults r, string target, TargetKind other, Func<Workload, int, RoundRatio> ratio, double min)
    {
        if (!r.Has(TargetKind.Adapter) || !r.Has(other))
        {
            NotRun(md, target, $"needs the `adapter` and `{other.CliName()}` targets");
            return;
        }

        var ratios = Rows(r).Select(row => (row.Workload, row.Clients, Ratio: ratio(row.Workload, row.Clients))).ToArray();
        var worst = ratios.MinBy(x => double.IsNaN(x.Ratio.Median) ? double.MinValue : x.Ratio.Median);
        var misses = ratios.Where(x => !(x.Ratio.Median >= min)).Select(x => $"{x.Workload.Name} @ {x.Clients}: {x.Ratio}").ToArray();
        Row(md, target, $"lowest median {worst.Ratio} ({worst.Workload.Name}, {worst.Clients} clients)" + (misses.Length > 0 ? $"; below {min}: " + string.Join("; ", misses) : ""),
            misses.Length == 0);
    }

    private static void P99OverFloor(StringBuilder md, BenchResults r)
    {
        var target = $"p99 added over the floor <= {MaxP99OverFloorMs} ms at {LatencyClients} clients, n=1";
        if (!r.Has(TargetKind.Adapter) || !r.Has(TargetKind.Floor) || !r.Options.Clients.Contains(LatencyClients))
        {
            NotRun(md, target, $"needs the `adapter` and `floor` targets and {LatencyClients} clients");
            return;
        }

        var added = Workload.All.Where(w => w.N == 1).Select(w => (w,
            Over: P99OverFloorByRound(r, w, LatencyClients),
            OverDirect: r.TryCell(w, LatencyClients, TargetKind.Direct) is { } d ? r.Cell(w, LatencyClients, TargetKind.Adapter).Load.P99 - d.Load.P99 : (double?)null)).ToArray();
        Row(md, target,
            string.Join("; ", added.Select(x => $"{x.w.Name}: median {x.Over} ms" + (x.OverDirect is { } direct ? $" ({direct:F1} ms over direct, all rounds)" : ""))),
            added.All(x => x.Over.Median <= MaxP99OverFloorMs));
    }

    private static void WorkingSet(StringBuilder md, BenchResults r, Func<Workload, bool> workloads, int clients, long limit, string scope)
    {
        var target = $"adapter peak working set <= {Mb(limit)} MB at {clients} clients, {scope}, with 0 failures";
        if (!r.Has(TargetKind.Adapter) || !r.Options.Clients.Contains(clients))
        {
            NotRun(md, target, $"needs the `adapter` target and {clients} clients");
            return;
        }

        var cells = Workload.All.Where(workloads).Select(w => r.Cell(w, clients, TargetKind.Adapter)).ToArray();
        Row(md, target, string.Join("; ", cells.Select(c => $"{c.Workload.Name}: {Mb(c.PeakWorkingSet)} MB, {c.Load.Failures} failures")),
            cells.All(c => c.PeakWorkingSet <= limit && c.Load.Failures == 0));
    }

    private static void NoTooManyRequests(StringBuilder md, BenchResults r)
    {
        var target = $"no 429 at {BusyClients} clients (adapter, default settings)";
        if (!r.Has(TargetKind.Adapter) || !r.Options.Clients.Contains(BusyClients))
        {
            NotRun(md, target, $"needs the `adapter` target and {BusyClients} clients");
            return;
        }

        var cells = Workload.All.Select(w => r.Cell(w, BusyClients, TargetKind.Adapter)).ToArray();
        Row(md, target, "429 answers, warm-up included: " + string.Join("; ", cells.Select(c => $"{c.Workload.Name}: {c.Load.TooManyRequests}")),
            cells.All(c => c.Load.TooManyRequests == 0));
    }

    private static void Allocation(StringBuilder md, BenchResults r, Func<Workload, bool> workloads, double limit, string scope)
    {
        var target = $"adapter allocation <= {limit / 1000:0} KB per request, {scope}";
        var measured = Workload.All.Where(workloads).Select(w => r.Allocation(w, TargetKind.Adapter)).ToArray();
        if (measured.Any(a => a is null))
        {
            NotRun(md, target, "needs the `adapter` target");
            return;
        }

        Row(md, target, string.Join("; ", measured.Select(a => $"{a!.Workload.Name}: {a.BytesPerRequest / 1000:N0} KB" + (a.Failures > 0 ? $" ({a.Failures} failures)" : ""))),
            measured.All(a => a!.BytesPerRequest <= limit && a.Failures == 0));
    }
}
