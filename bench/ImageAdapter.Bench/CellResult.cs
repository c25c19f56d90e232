namespace ImageAdapter.Bench;

/// <summary>
/// One workload at one concurrency against one target, with the peak of its serving processes' summed working set
/// meanwhile and each process's own peak.
/// </summary>
internal sealed record CellResult(Workload Workload, int Clients, TargetKind Target, LoadResult Load, long PeakWorkingSet, IReadOnlyList<ProcessPeak> ProcessPeaks);
