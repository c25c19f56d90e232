using System.Diagnostics;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// What runs the Functions app in the tests, prepared once per test run: the app published with <c>dotnet publish</c>
/// (the folder <c>azd deploy</c> zips), and the real Azure Functions host over it. The host is Core Tools' <c>func</c>
/// when it is on the PATH, else the host built from source by <c>../shared/functions-host</c>. With neither, the
/// Functions leg is skipped, except in CI (<c>CI=true</c>), where it fails the run.
/// </summary>
internal static class FunctionsHost
{
    public const string Missing =
        "No Azure Functions host: install Azure Functions Core Tools v4 (`func` on the PATH), or put the project's "
        + "shared/functions-host folder beside this clone (../shared/functions-host).";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private static readonly Lazy<Task> Published = new(PublishAppAsync);

    private static readonly Lazy<Task<FunctionsLauncher?>> Prepared = new(PrepareAsync);

    /// <summary>The published app: <c>host.json</c>, <c>functions.metadata</c> and <c>worker.config.json</c> at its root.</summary>
    public static string AppDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "functions-app");

    public static bool InCI => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Publishes the app into <see cref="AppDirectory"/> (once per test run); needs no host.</summary>
    public static Task PublishAsync() => Published.Value;

    /// <summary>The launcher, after publishing the app; null when there is no host.</summary>
    public static Task<FunctionsLauncher?> FindAsync() => Prepared.Value;

    /// <summary>The launcher, after publishing the app; skips the calling test (fails it in CI) when there is no host.</summary>
    public static async Task<FunctionsLauncher> RequireAsync()
    {
        if (await FindAsync() is { } launcher)
        {
            return launcher;
        }

        SkipOrFail();
        throw new UnreachableException();
    }

    /// <summary>Whether a fixture can start an app on <paramref name="host"/>: always for the server; for the Functions app, when there is a host.</summary>
    public static async Task<bool> CanStartAsync(AdapterHost host) => host == AdapterHost.Server || await FindAsync() is not null;

    /// <summary>The app a fixture started; if it could not for want of a Functions host, the calling test is skipped (failed, in CI).</summary>
    public static AdapterApp Started(AdapterApp? app)
    {
        if (app is null)
        {
            SkipOrFail();
        }

        return app!;
    }

    /// <summary>What a test needing the Functions host does without one: skip, with how to get a host; in CI, fail.</summary>
    public static void SkipOrFail()
    {
        if (InCI)
        {
            Assert.Fail(Missing + " CI=true, so the Functions leg may not be skipped.");
        }

        Assert.Skip(Missing);
    }

    private static async Task<FunctionsLauncher?> PrepareAsync()
    {
        FunctionsLauncher? launcher;
        if (FindOnPath("func") is { } func)
        {
            launcher = new FunctionsLauncher(func, port => ["host", "start", "--port", port.ToString()]);
        }
        else if (RepositoryPaths.Shared("functions-host", "build.sh") is { } build
            && RepositoryPaths.Shared("functions-host", "run.sh") is { } run)
        {
            await RunAsync("bash", [build], "building the Functions host (../shared/functions-host/build.sh)");
            launcher = new FunctionsLauncher("bash", port => [run, AppDirectory, port.ToString()]);
        }
        else
        {
            return null;
        }

        await PublishAsync();
        return launcher;
    }

    private static async Task PublishAppAsync()
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "ImageAdapter.Functions", "ImageAdapter.Functions.csproj");
        await RunAsync("dotnet", ["publish", project, "-c", Configuration, "-o", AppDirectory, "-nologo", "-v:q", "-nodeReuse:false"],
            "publishing the Functions app");
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static async Task RunAsync(string fileName, string[] arguments, string what)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No MSBuild or compiler server left behind holding the test run's output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Timed out after {BuildTimeout} {what}.");
        }

        if (process.ExitCode != 0)
        {
            var text = (await output) + (await errors);
            throw new InvalidOperationException($"Failed {what} (exit {process.ExitCode}):\n{text[Math.Max(0, text.Length - 4000)..]}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>How to start the Functions host over <see cref="FunctionsHost.AppDirectory"/> on a given loopback port.</summary>
internal sealed record FunctionsLauncher(string FileName, Func<int, IReadOnlyList<string>> Arguments);
