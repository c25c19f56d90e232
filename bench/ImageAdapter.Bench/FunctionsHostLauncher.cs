using System.Diagnostics;
using System.Globalization;

namespace ImageAdapter.Bench;

/// <summary>
/// Runs the published Functions app under the Azure Functions host, as <c>func start</c> does: Core Tools'
/// <c>func start --port N</c> in the app folder when <c>func</c> is on the PATH, else
/// <c>functions-host/run.sh APPDIR PORT</c> from the project's shared folder (<c>../shared/functions-host</c>, or
/// <c>--functions-host DIR</c>), over the host its <c>build.sh</c> builds from source (idempotent; it prints the host
/// folder on its last line). The host starts the worker (<c>dotnet ImageAdapter.Functions.dll ...</c>) as its own
/// child; a request goes client → host (Kestrel and its proxy) → worker (Kestrel) → simulator.
/// </summary>
internal sealed class FunctionsHostLauncher(RepoLayout layout, string? func, string sharedHost)
{
    private const string WorkerDll = "ImageAdapter.Functions.dll";

    /// <summary>What runs the host, for the report.</summary>
    public string Description { get; private set; } = func is null ? $"`{Path.Combine(sharedHost, "run.sh")}`" : $"`{func} start`";

    public static FunctionsHostLauncher Find(RepoLayout layout, string? sharedHostOption) =>
        new(layout, FindOnPath("func"), sharedHostOption is null ? layout.SharedFunctionsHost : Path.GetFullPath(sharedHostOption));

    /// <summary>Builds the shared host unless told not to; with <c>func</c> there is nothing to build.</summary>
    public async Task PrepareAsync(bool build)
    {
        if (func is not null)
        {
            return;
        }

        var buildScript = Path.Combine(sharedHost, "build.sh");
        if (!File.Exists(Path.Combine(sharedHost, "run.sh")) || !File.Exists(buildScript))
        {
            throw new InvalidOperationException(
                $"No Functions host: `func` is not on the PATH and {sharedHost} has no build.sh and run.sh (pass --functions-host DIR).");
        }

        if (build)
        {
            Console.WriteLine($"building the Functions host ({buildScript})...");
            var output = await RepoLayout.RunAsync("bash", [buildScript]);
            var hostFolder = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            Description = $"`{Path.Combine(sharedHost, "run.sh")}` over the host in `{hostFolder}`";
        }
    }

    /// <summary>Starts the host on a free loopback port with the adapter's settings as app settings; ready when <c>/healthz</c> answers 200 through it.</summary>
    public async Task<TargetProcess> StartAsync(Uri simulatorOrigin)
    {
        var port = FreePort.Next();
        var start = func is null
            ? new ProcessStartInfo("bash", [Path.Combine(sharedHost, "run.sh"), layout.FunctionsAppDirectory, port.ToString(CultureInfo.InvariantCulture)])
            : new ProcessStartInfo(func, ["start", "--port", port.ToString(CultureInfo.InvariantCulture)]);
        start.WorkingDirectory = layout.FunctionsAppDirectory;
        var environment = AdapterSettings.AsEnvironment(simulatorOrigin, layout).ToDictionary();
        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["AzureWebJobsDisableHomepage"] = "true";
        environment["AzureFunctionsJobHost__logging__logLevel__default"] = "Warning";
        var host = TargetProcess.Start("functions host", start, new Uri($"http://127.0.0.1:{port}"), environment);
        try
        {
            await host.WaitReadyAsync(AdapterRoutes.Health, TimeSpan.FromSeconds(90), needOk: true);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The host process (the worker's parent: <c>run.sh</c> execs into it; under <c>func</c> it is <c>func</c> itself) and the worker.</summary>
    public static IReadOnlyList<ServingProcess> HostAndWorker(TargetProcess launched)
    {
        var worker = ProcessTree.FindDescendant(launched.Process.Id, WorkerDll)
            ?? throw new InvalidOperationException($"No {WorkerDll} process under the Functions host:\n{launched.RecentOutput()}");
        return [new("host", Process.GetProcessById(ProcessTree.ParentOf(worker))), new("worker", Process.GetProcessById(worker))];
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
