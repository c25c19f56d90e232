namespace ImageAdapter.Bench;

/// <summary>One workload at one concurrency against one target, with the target process's peak working set meanwhile.</summary>
internal sealed record CellResult(Workload Workload, int Clients, TargetKind Target, LoadResult Load, long PeakWorkingSet);
