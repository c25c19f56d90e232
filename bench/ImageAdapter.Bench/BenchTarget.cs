namespace ImageAdapter.Bench;

/// <summary>
/// One target the workloads run against: where its requests go, and the processes that serve them (one for direct,
/// YARP and adapter; YARP and server for yarp-server; host and worker for functions), whose working sets are summed.
/// The processes themselves belong to the run, which stops them.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    public BenchTarget(TargetKind kind, Uri origin, params IReadOnlyList<ServingProcess> processes)
    {
        Kind = kind;
        Origin = origin;
        Processes = processes;
        WorkingSet = new WorkingSetSampler(processes);
    }

    public TargetKind Kind { get; }

    public Uri Origin { get; }

    public IReadOnlyList<ServingProcess> Processes { get; }

    public WorkingSetSampler WorkingSet { get; }

    /// <summary>The last lines its processes printed, for an error message.</summary>
    public Func<string> RecentOutput { get; init; } = () => "";

    public ValueTask DisposeAsync() => WorkingSet.DisposeAsync();
}
