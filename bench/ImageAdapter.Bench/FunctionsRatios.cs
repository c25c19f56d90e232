namespace ImageAdapter.Bench;

/// <summary>
/// The Functions target against YARP+server for one workload at <see cref="FunctionsComparison.Clients"/> clients:
/// throughput (round by round), allocated bytes per request (host + worker against YARP + server) and peak working set (same sums).
/// A ratio that could not be computed (NaN) fails.
/// </summary>
internal sealed record FunctionsRatios(Workload Workload, CellResult Functions, CellResult YarpServer, AllocationResult? FunctionsAllocation, AllocationResult? YarpServerAllocation)
{
    public RoundRatio Throughput { get; } = RoundRatio.Of(Functions, YarpServer, load => load.Throughput);

    public double Allocation => FunctionsAllocation is { } f && YarpServerAllocation is { } y ? f.BytesPerRequest / y.BytesPerRequest : double.NaN;

    public double WorkingSet => Functions.PeakWorkingSet / (double)YarpServer.PeakWorkingSet;

    public bool ThroughputPasses => Throughput.Median >= FunctionsComparison.MinThroughputRatio;

    public bool AllocationPasses => Allocation <= FunctionsComparison.MaxAllocationRatio;

    public bool WorkingSetPasses => WorkingSet <= FunctionsComparison.MaxWorkingSetRatio;
}
