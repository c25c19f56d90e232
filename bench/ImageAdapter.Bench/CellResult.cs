namespace ImageAdapter.Bench;

/// <summary>
/// One workload at one concurrency against one target: each round's window, all of them as one (<see cref="Load"/>),
/// and the peak of its serving processes' summed working set over the cell with each process's own peak.
/// </summary>
internal sealed record CellResult(
    Workload Workload, int Clients, TargetKind Target, IReadOnlyList<LoadResult> Rounds, long PeakWorkingSet, IReadOnlyList<ProcessPeak> ProcessPeaks)
{
    public LoadResult Load { get; } = Rounds.Aggregate(LoadResult.Combine);
}
