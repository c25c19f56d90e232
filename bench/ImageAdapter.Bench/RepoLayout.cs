using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>Where the server, the simulator and the Functions app live, and their Release builds.</summary>
internal sealed class RepoLayout(string root)
{
    public string Root { get; } = root;

    public string ServerProject => Path.Combine(Root, "src", "ImageAdapter.Server");

    public string SimulatorProject => Path.Combine(Root, "tests", "FireworksSimulator");

    public string FunctionsProject => Path.Combine(Root, "src", "ImageAdapter.Functions");

    /// <summary>The Functions app's Bicep: its <c>DOTNET_*</c> app settings are what every adapter process gets (<see cref="AdapterSettings"/>).</summary>
    public string FunctionBicep => Path.Combine(Root, "infra", "app", "function.bicep");

    public string ServerDll => Path.Combine(ServerProject, "bin", "Release", "net10.0", "ImageAdapter.Server.dll");

    public string SimulatorDll => Path.Combine(SimulatorProject, "bin", "Release", "net10.0", "FireworksSimulator.dll");

    /// <summary>The published Functions app (host.json, functions.metadata, worker.config.json; never local.settings.json).</summary>
    public string FunctionsAppDirectory => Path.Combine(FunctionsProject, "bin", "Release", "net10.0", "publish");

    /// <summary>The project's shared folder beside the clone: <c>../shared/functions-host</c> builds and runs the Functions host.</summary>
    public string SharedFunctionsHost => Path.GetFullPath(Path.Combine(Root, "..", "shared", "functions-host"));

    /// <summary>The bench's own assembly, started again in <c>proxy</c> mode for the YARP targets.</summary>
    public static string BenchDll => typeof(RepoLayout).Assembly.Location;

    /// <summary>The <c>dotnet</c> host: the one <c>dotnet run</c> used, else the one on the PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static RepoLayout Find(string? root)
    {
        var directory = new DirectoryInfo(root ?? Directory.GetCurrentDirectory());
        for (var current = directory; current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Directory.Packages.props"))
                && Directory.Exists(Path.Combine(current.FullName, "src", "ImageAdapter.Server")))
            {
                return new RepoLayout(current.FullName);
            }
        }

        throw new InvalidOperationException($"No repository root above {directory.FullName}; pass --repo.");
    }

    /// <summary>Builds the server and the simulator, and publishes the Functions app when it is a target.</summary>
    public async Task BuildAsync(bool functions)
    {
        foreach (var project in new[] { ServerProject, SimulatorProject })
        {
            Console.WriteLine($"building {Path.GetFileName(project)} (Release)...");
            await RunAsync(DotnetHost, ["build", project, "-c", "Release", "--nologo", "-v", "q"]);
        }

        if (functions)
        {
            Console.WriteLine($"publishing {Path.GetFileName(FunctionsProject)} (Release) to {FunctionsAppDirectory}...");
            await RunAsync(DotnetHost, ["publish", FunctionsProject, "-c", "Release", "-o", FunctionsAppDirectory, "--nologo", "-v", "q"]);
        }
    }

    /// <summary>Runs a build step; returns its standard output, or throws with everything it printed when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed:\n{await output}\n{await error}");
        }

        return await output;
    }
}
