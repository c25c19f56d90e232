namespace ImageAdapter.Bench;

/// <summary>
/// Starts the simulator and the processes of the selected targets, each its own process on a free loopback port, and
/// stops them all on dispose: direct is the simulator itself; YARP a proxy in front of it; floor the minimal translation
/// in front of it, and floor-rt the same with the adapter's runtime settings; adapter a server in front of it; adapter-info another, logging as shipped; yarp-server a second proxy in front of a second server (so its figures are its own); functions the Functions
/// host, which starts its worker.
/// </summary>
internal sealed class TargetSet : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // Server GC, as ASP.NET Core projects have it (the bench's own executable, which runs the proxies and the floors,
    // uses workstation GC).
    private static readonly IReadOnlyDictionary<string, string> AspNetCoreDefaults = new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" };

    private readonly List<TargetProcess> _processes = [];
    private readonly List<BenchTarget> _targets = [];

    private TargetSet(TargetProcess simulator)
    {
        Simulator = simulator;
        _processes.Add(simulator);
    }

    public TargetProcess Simulator { get; }

    public IReadOnlyList<BenchTarget> Targets => _targets;

    public static async Task<TargetSet> StartAsync(RepoLayout layout, IReadOnlyList<TargetKind> kinds, FunctionsHostLauncher? functions)
    {
        var simulator = TargetProcess.Start("simulator", layout.SimulatorDll, [], new Dictionary<string, string>());
        var set = new TargetSet(simulator);
        try
        {
            await simulator.WaitReadyAsync("/inference/v1", StartTimeout);
            foreach (var kind in kinds)
            {
                set._targets.Add(await set.StartTargetAsync(kind, layout, functions));
            }

            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public BenchTarget? Find(TargetKind kind) => _targets.FirstOrDefault(t => t.Kind == kind);

    public async ValueTask DisposeAsync()
    {
        foreach (var target in _targets)
        {
            await target.DisposeAsync();
        }

        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    private async Task<BenchTarget> StartTargetAsync(TargetKind kind, RepoLayout layout, FunctionsHostLauncher? functions)
    {
        switch (kind)
        {
            case TargetKind.Direct:
                return new BenchTarget(kind, Simulator.Origin, new ServingProcess("simulator", Simulator.Process)) { RecentOutput = Simulator.RecentOutput };
            case TargetKind.Yarp:
                var proxy = await StartAsync(Proxy("yarp", Simulator.Origin), "/inference/v1");
                return new BenchTarget(kind, proxy.Origin, new ServingProcess("YARP", proxy.Process)) { RecentOutput = proxy.RecentOutput };
            case TargetKind.Floor or TargetKind.FloorAdapterRuntime:
                var runtime = kind == TargetKind.Floor ? AspNetCoreDefaults : AdapterSettings.DeployedRuntime(layout);
                // Any answer means it listens: a GET on its one POST route gets 405.
                var floor = await StartAsync(Floor(kind.CliName(), Simulator.Origin, runtime), AdapterRoutes.Generations);
                return new BenchTarget(kind, floor.Origin, new ServingProcess("floor", floor.Process)) { RecentOutput = floor.RecentOutput };
            case TargetKind.Adapter or TargetKind.AdapterInfo:
                var server = await StartAsync(Server(kind.CliName(), layout, ownLogging: kind == TargetKind.AdapterInfo), AdapterRoutes.Health);
                return new BenchTarget(kind, server.Origin, new ServingProcess("server", server.Process)) { RecentOutput = server.RecentOutput };
            case TargetKind.YarpServer:
                var hidden = await StartAsync(Server("adapter behind yarp", layout), AdapterRoutes.Health);
                var front = await StartAsync(Proxy("yarp in front of the adapter", hidden.Origin), AdapterRoutes.Health);
                return new BenchTarget(kind, front.Origin, new ServingProcess("YARP", front.Process), new ServingProcess("server", hidden.Process))
                {
                    RecentOutput = () => front.RecentOutput() + "\n" + hidden.RecentOutput(),
                };
            case TargetKind.Functions:
                var host = await (functions ?? throw new InvalidOperationException("No Functions host launcher.")).StartAsync(Simulator.Origin);
                _processes.Add(host);
                return new BenchTarget(kind, host.Origin, FunctionsHostLauncher.HostAndWorker(host)) { RecentOutput = host.RecentOutput };
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private TargetProcess Proxy(string name, Uri upstream) =>
        TargetProcess.Start(name, RepoLayout.BenchDll, ["proxy", "--upstream", upstream.AbsoluteUri], AspNetCoreDefaults);

    private static TargetProcess Floor(string name, Uri upstream, IReadOnlyDictionary<string, string> runtime) =>
        TargetProcess.Start(name, RepoLayout.BenchDll, ["floor", "--upstream", upstream.AbsoluteUri], runtime);

    private TargetProcess Server(string name, RepoLayout layout, bool ownLogging = false) =>
        TargetProcess.Start(name, layout.ServerDll, [], AdapterSettings.AsEnvironment(Simulator.Origin, layout), ownLogging);

    private async Task<TargetProcess> StartAsync(TargetProcess process, string readyPath)
    {
        _processes.Add(process);
        await process.WaitReadyAsync(readyPath, StartTimeout);
        return process;
    }
}
