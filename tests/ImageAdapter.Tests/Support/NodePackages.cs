using System.Diagnostics;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// The repository's npm dev dependencies (Azurite, the <c>openai</c> package), installed from the pinned
/// <c>package-lock.json</c> the first time a test finds one missing, so <c>dotnet test</c> alone works on a fresh clone
/// (where npm can reach its registry). One install at a time, and <c>npm install</c> rather than <c>npm ci</c>: it leaves
/// what is installed in place, such as an Azurite another test is running from.
/// </summary>
internal static class NodePackages
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>Installs the packages unless <paramref name="relativePath"/> (under <c>node_modules</c>) exists; returns its full path.</summary>
    public static async Task<string> EnsureAsync(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Root, "node_modules", relativePath);
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", "install --no-audit --no-fund")
                {
                    WorkingDirectory = RepositoryPaths.Root,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                var errors = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                Assert.True(npm.ExitCode == 0 && File.Exists(path),
                    $"`npm install` at {RepositoryPaths.Root} could not install {relativePath} (exit {npm.ExitCode}): {await errors}");
            }

            return path;
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
