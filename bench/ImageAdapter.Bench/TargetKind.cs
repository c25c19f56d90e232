namespace ImageAdapter.Bench;

/// <summary>The things the same workload runs against.</summary>
internal enum TargetKind
{
    /// <summary>The Fireworks simulator, called directly.</summary>
    Direct,

    /// <summary>A plain YARP pass-through in front of the simulator: one .NET proxy hop, the floor.</summary>
    Yarp,

    /// <summary>The adapter server in front of the simulator.</summary>
    Adapter,

    /// <summary>A second YARP pass-through in front of a second adapter server: the server behind one proxy hop.</summary>
    YarpServer,

    /// <summary>The Functions app under the Azure Functions host, which proxies each request to its worker.</summary>
    Functions,
}
