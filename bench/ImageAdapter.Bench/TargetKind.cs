namespace ImageAdapter.Bench;

/// <summary>The things the same workload runs against.</summary>
internal enum TargetKind
{
    /// <summary>The Fireworks simulator, called directly.</summary>
    Direct,

    /// <summary>A plain YARP pass-through in front of the simulator: the cost of one .NET proxy hop.</summary>
    Yarp,

    /// <summary>
    /// The floor run with the adapter's deployed runtime settings (the <c>DOTNET_*</c> app settings of
    /// <c>infra/app/function.bicep</c>: workstation GC, thread-pool workers that do not spin, the 16 MiB gen0 budget)
    /// instead of ASP.NET Core's defaults: it parts adapter ÷ floor into what those settings cost and what the adapter's
    /// code costs.
    /// </summary>
    FloorAdapterRuntime,

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
