namespace ImageAdapter.Bench;

/// <summary>The three things the same workload runs against.</summary>
internal enum TargetKind
{
    /// <summary>The Fireworks simulator, called directly.</summary>
    Direct,

    /// <summary>A plain YARP pass-through in front of the simulator: one .NET proxy hop, the floor.</summary>
    Yarp,

    /// <summary>The adapter server in front of the simulator.</summary>
    Adapter,
}
