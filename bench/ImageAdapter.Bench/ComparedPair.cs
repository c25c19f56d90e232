namespace ImageAdapter.Bench;

/// <summary>
/// A ratio the report gives in every cell, in the throughput and the CPU tables: a target's figure over its
/// baseline's, round by round (<see cref="RoundRatio"/>). <see cref="MinThroughput"/> is the least median throughput
/// ratio that passes where the cell itself is judged;
/// Functions against YARP+server is judged at 16 clients only, in its own section.
/// </summary>
internal sealed record ComparedPair(string Name, TargetKind Target, TargetKind Baseline, double? MinThroughput)
{
    public static readonly ComparedPair OverFloor =
        new("adapter / floor", TargetKind.Adapter, TargetKind.Floor, AdapterTargets.MinThroughputOverFloor);

    public static readonly ComparedPair InformationOverWarning =
        new("adapter-info / adapter", TargetKind.AdapterInfo, TargetKind.Adapter, AdapterTargets.MinInformationOverWarning);

    private static readonly IReadOnlyList<ComparedPair> All =
    [
        OverFloor,
        new("adapter / floor-rt", TargetKind.Adapter, TargetKind.FloorAdapterRuntime, null),
        new("floor-rt / floor", TargetKind.FloorAdapterRuntime, TargetKind.Floor, null),
        InformationOverWarning,
        new("Functions / YARP+server", TargetKind.Functions, TargetKind.YarpServer, null),
    ];

    /// <summary>The pairs whose two targets both ran.</summary>
    public static IReadOnlyList<ComparedPair> In(BenchResults r) => All.Where(pair => r.Has(pair.Target) && r.Has(pair.Baseline)).ToArray();

    /// <summary>The target's figure over the baseline's in one cell, round by round.</summary>
    public RoundRatio Ratio(BenchResults r, Workload workload, int clients, Func<LoadResult, double> figure) =>
        RoundRatio.Of(r.Cell(workload, clients, Target), r.Cell(workload, clients, Baseline), figure);
}
