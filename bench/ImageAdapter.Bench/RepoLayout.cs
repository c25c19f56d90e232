using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>Where the server and the simulator live, and their Release builds.</summary>
internal sealed class RepoLayout(string root)
{
    public string Root { get; } = root;

    public string ServerProject => Path.Combine(Root, "src", "ImageAdapter.Server");

    public string SimulatorProject => Path.Combine(Root, "tests", "FireworksSimulator");

    public string ServerDll => Path.Combine(ServerProject, "bin", "Release", "net10.0", "ImageAdapter.Server.dll");

    public string SimulatorDll => Path.Combine(SimulatorProject, "bin", "Release", "net10.0", "FireworksSimulator.dll");

    /// <summary>The bench's own assembly, started again in <c>proxy</c> mode for the YARP target.</summary>
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

    public async Task BuildAsync()
    {
        foreach (var project in new[] { ServerProject, SimulatorProject })
        {
            Console.WriteLine($"building {Path.GetFileName(project)} (Release)...");
            var start = new ProcessStartInfo(DotnetHost, ["build", project, "-c", "Release", "--nologo", "-v", "q"])
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
                throw new InvalidOperationException($"dotnet build {project} failed:\n{await output}\n{await error}");
            }
        }
    }
}
