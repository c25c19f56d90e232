namespace ImageAdapter.Bench;

/// <summary>Allocated bytes per request of one target for one workload: each serving process's, and their sum.</summary>
internal sealed record AllocationResult(Workload Workload, TargetKind Target, IReadOnlyList<ProcessAllocation> Processes, int Failures, int Requests)
{
    public double BytesPerRequest => Processes.Sum(p => p.BytesPerRequest);
}
