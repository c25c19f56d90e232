using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// The adapter as real child processes, configured through environment variables, with every line they write to
/// stdout and stderr kept. Killed (with any child) on dispose.
/// <list type="bullet">
/// <item><see cref="AdapterHost.Server"/>: <c>dotnet ImageAdapter.Server.dll</c> (the build next to the test assembly)
/// on a loopback port it picks itself (<c>--urls http://127.0.0.1:0</c>, read back from its "Now listening on" line,
/// so no other process can answer in its place).</item>
/// <item><see cref="AdapterHost.Functions"/>: the published Functions app under the real Functions host
/// (<see cref="FunctionsHost"/>), which starts the worker as its own child; on a free loopback port, retried on
/// another if something took it first.</item>
/// </list>
/// </summary>
public sealed partial class AdapterProcess : IAsyncDisposable
{
    // Only bounds how long a start that has failed takes to be reported: a loaded machine may take minutes to start a
    // Functions host (90 s was exceeded with two full test runs and builds on two cores), and must not fail the test.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Settings every Functions app gets here, unless the test sets them: what the Bicep sets on a deployed app (requests
    /// to <c>/</c> reach the app, not the host's home page), and the worker's Information lines, which it writes to its
    /// console in Development, on the host's console (Host.Function.Console), as the server logs them (production
    /// defaults are Warning in both).
    /// </summary>
    private static readonly Dictionary<string, string> FunctionsAppSettings = new()
    {
        ["AzureWebJobsDisableHomepage"] = "true",
        ["Logging__LogLevel__Default"] = "Information",
        ["AzureFunctionsJobHost__logging__logLevel__Host.Function.Console"] = "Information",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private AdapterProcess(Process process)
    {
        _process = process;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as received.</summary>
    public IReadOnlyList<string> Output => [.. _lines];

    public string OutputText => string.Join('\n', _lines);

    public int Id => _process.Id;

    /// <param name="waitForHealth">False for settings the app must refuse: return as soon as the process runs.</param>
    public static async Task<AdapterProcess> StartAsync(
        IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken, AdapterHost host = AdapterHost.Server, bool waitForHealth = true)
    {
        if (host == AdapterHost.Server)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "ImageAdapter.Server.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the test project references the server project, so it should be built beside the tests.");
            return await StartAsync(new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", "http://127.0.0.1:0" } },
                variables, baseUrl: null, waitForHealth, cancellationToken);
        }

        var launcher = await FunctionsHost.RequireAsync();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(launcher.FileName) { WorkingDirectory = FunctionsHost.AppDirectory };
            foreach (var argument in launcher.Arguments(port))
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                var settings = new Dictionary<string, string>(FunctionsAppSettings);
                foreach (var (name, value) in variables)
                {
                    settings[name] = value;
                }

                return await StartAsync(start, settings,
                    new Uri($"http://127.0.0.1:{port}"), waitForHealth, cancellationToken);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // Another process bound the port between our probe and the host's bind: try another.
            }
        }
    }

    /// <summary>Waits until a line containing every one of <paramref name="fragments"/> has been written (console loggers are asynchronous).</summary>
    public async Task<string?> WaitForLineAsync(IReadOnlyList<string> fragments, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = _lines.FirstOrDefault(line => fragments.All(f => line.Contains(f, StringComparison.Ordinal)));
            if (match is not null || DateTime.UtcNow > deadline)
            {
                return match;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the process (and the Functions worker under it) and waits until its output has been read to the end.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
    }

    private static async Task<AdapterProcess> StartAsync(
        ProcessStartInfo start, IReadOnlyDictionary<string, string> variables, Uri? baseUrl, bool waitForHealth, CancellationToken cancellationToken)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = string.IsNullOrEmpty(start.WorkingDirectory) ? AppContext.BaseDirectory : start.WorkingDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Nothing from the test process's own settings may leak into the child's configuration.
        foreach (var inherited in start.Environment.Keys.Where(IsAdapterSetting).ToArray())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var adapter = new AdapterProcess(process) { BaseUrl = baseUrl! };
        process.OutputDataReceived += (_, e) => adapter.Append(e.Data);
        process.ErrorDataReceived += (_, e) => adapter.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (waitForHealth)
            {
                await adapter.WaitForHealthAsync(cancellationToken);
            }
        }
        catch
        {
            await adapter.DisposeAsync();
            throw;
        }

        return adapter;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static bool IsAdapterSetting(string name) =>
        name.Contains("__", StringComparison.Ordinal)
        || name.StartsWith("AZURE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AzureWebJobs", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("FUNCTIONS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("IDENTITY_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSI_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase);

    private void Append(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (BaseUrl is null)
        {
            var listening = _lines.Select(line => ListeningLine().Match(line)).FirstOrDefault(match => match.Success);
            if (listening is not null)
            {
                BaseUrl = new Uri(listening.Groups[1].Value);
                break;
            }

            FailIfGone(deadline, "say where it listens");
            await Task.Delay(50, cancellationToken);
        }

        // No per-call timeout: on a loaded machine the first /healthz may take long, and a probe the client gives up on
        // is logged by the worker as a failed invocation, which the tests then count as an unexpected failure.
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var startDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var left = deadline - DateTime.UtcNow;
        startDeadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        while (true)
        {
            FailIfGone(deadline, "answer /healthz");
            try
            {
                using var response = await http.GetAsync("/healthz", startDeadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The start deadline passed while waiting: FailIfGone says so.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void FailIfGone(DateTime deadline, string what)
    {
        if (_process.HasExited && _lines.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
        {
            throw new PortTakenException();
        }

        if (_process.HasExited || DateTime.UtcNow > deadline)
        {
            Assert.Fail($"The adapter did not {what} (exited: {_process.HasExited}):\n{OutputText}");
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    private sealed class PortTakenException : Exception;
}
