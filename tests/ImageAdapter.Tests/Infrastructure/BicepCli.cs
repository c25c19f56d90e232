using System.Diagnostics;

namespace ImageAdapter.Tests.Infrastructure;

/// <summary>Runs the Bicep CLI from the NuGet package the test project downloads (PackageDownload).</summary>
internal static class BicepCli
{
    public const string PackageId = "Azure.Bicep.CommandLine.linux-x64";
    public const string Version = "0.49.2";

    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string ExecutablePath => LazyPath.Value;

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The single-file bundle extracts under $HOME/.net; give it somewhere writable when HOME is missing.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HOME"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_BUNDLE_EXTRACT_BASE_DIR")))
        {
            start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(Path.GetTempPath(), "bicep-bundle");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured)
        {
            roots.Add(configured);
        }

        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        foreach (var root in roots)
        {
            var candidate = Path.Combine(root, PackageId.ToLowerInvariant(), Version, "tools", "bicep");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Bicep CLI not found (looked for {PackageId.ToLowerInvariant()}/{Version}/tools/bicep under: {string.Join(", ", roots)}). " +
            "Restore the test project (`dotnet restore tests/ImageAdapter.Tests`): its PackageDownload fetches the CLI.");
    }
}
