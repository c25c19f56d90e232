namespace ImageAdapter.Bench;

/// <summary>The things the same workload runs against.</summary>
internal enum TargetKind
{
    /// <summary>The Fireworks simulator, called directly.</summary>
    Direct,

    /// <summary>A plain YARP pass-through in front of the simulator: the cost of one .NET proxy hop.</summary>
    Yarp,

    /// <summary>The minimal <c>b64_json</c> translation (<see cref="FloorAdapter"/>) in front of the simulator: what the adapter is judged against.</summary>
    Floor,

    /// <summary>The adapter server in front of the simulator, logging at Warning.</summary>
    Adapter,

    /// <summary>A second adapter server with the logging it ships with (Information), to price that logging against <see cref="Adapter"/>.</summary>
    AdapterInfo,

    /// <summary>A second YARP pass-through in front of a second adapter server: the server behind one proxy hop.</summary>
    YarpServer,

    /// <summary>The Functions app under the Azure Functions host, which proxies each request to its worker.</summary>
    Functions,
}
