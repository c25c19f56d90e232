namespace ImageAdapter.Bench;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed record BenchResults(
    BenchOptions Options,
    IReadOnlyList<CellResult> Cells,
    StartupResult Startup,
    IReadOnlyList<AllocationResult> Allocations,
    SoakResult? Soak,
    IReadOnlyDictionary<TargetKind, long> RunPeakWorkingSet,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed)
{
    public CellResult Cell(Workload workload, int clients, TargetKind target) =>
        Cells.Single(c => c.Workload == workload && c.Clients == clients && c.Target == target);
}
