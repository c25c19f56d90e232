namespace ImageAdapter.Bench;

/// <summary>
/// The adapter's targets, from the issue that added the floor: each judged on figures of one run, against the floor
/// (the minimal translation) where it is a ratio or a difference. KB and MB are 1,000 and 1,000,000 bytes.
/// </summary>
internal static class AdapterTargets
{
    public const double MinThroughputOverFloor = 0.9;

    public const int LatencyClients = 16;
    public const double MaxP99OverFloorMs = 5;

    public const int BusyClients = 64;
    public const long MaxWorkingSetN4At64 = 300_000_000;
    public const long MaxWorkingSetN1At16 = 200_000_000;

    public const double MaxAllocatedN1 = 100_000;
    public const double MaxAllocatedN4 = 400_000;

    /// <summary>Information logging's throughput over Warning's: "within 5 %".</summary>
    public const double MinInformationOverWarning = 0.95;

    /// <summary>Adapter req/s over the floor's in one cell, round by round.</summary>
    public static RoundRatio OverFloor(BenchResults r, Workload workload, int clients) =>
        ComparedPair.OverFloor.Ratio(r, workload, clients, load => load.Throughput);

    /// <summary>adapter-info req/s over the adapter's (Warning) in one cell, round by round.</summary>
    public static RoundRatio InformationOverWarning(BenchResults r, Workload workload, int clients) =>
        ComparedPair.InformationOverWarning.Ratio(r, workload, clients, load => load.Throughput);

    /// <summary>Adapter p99 minus the floor's in one cell, ms, round by round: what the p99 target is judged on.</summary>
    public static RoundDifference P99OverFloorByRound(BenchResults r, Workload workload, int clients) =>
        RoundDifference.Of(r.Cell(workload, clients, TargetKind.Adapter), r.Cell(workload, clients, TargetKind.Floor), load => load.P99);
}
