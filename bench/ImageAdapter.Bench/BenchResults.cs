namespace ImageAdapter.Bench;

/// <summary>Everything one run measured, for the report.</summary>
internal sealed record BenchResults(
    BenchOptions Options,
    IReadOnlyList<CellResult> Cells,
    StartupResult? Startup,
    IReadOnlyList<AllocationResult> Allocations,
    SoakResult? Soak,
    string? FunctionsHost,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed)
{
    public bool Has(TargetKind target) => Options.Targets.Contains(target);

    public CellResult Cell(Workload workload, int clients, TargetKind target) =>
        Cells.Single(c => c.Workload == workload && c.Clients == clients && c.Target == target);

    /// <summary>The cell, or null when that target or concurrency was not run.</summary>
    public CellResult? TryCell(Workload workload, int clients, TargetKind target) =>
        Cells.SingleOrDefault(c => c.Workload == workload && c.Clients == clients && c.Target == target);

    public AllocationResult? Allocation(Workload workload, TargetKind target) =>
        Allocations.SingleOrDefault(a => a.Workload == workload && a.Target == target);
}
