using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ImageAdapter.Tests.KeyVaultEndToEnd;

/// <summary>
/// The standalone server as a real child process (<c>dotnet ImageAdapter.Server.dll</c>, the build next to the test
/// assembly) on a loopback port it picks itself (<c>--urls http://127.0.0.1:0</c>, read back from its "Now listening on"
/// line, so no other process can answer in its place), with every line it writes to stdout and stderr kept.
/// Killed on dispose.
/// </summary>
public sealed partial class AdapterProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

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

    public static async Task<AdapterProcess> StartAsync(IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ImageAdapter.Server.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references the server project, so it should be built beside the tests.");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
        var adapter = new AdapterProcess(process);
        process.OutputDataReceived += (_, e) => adapter.Append(e.Data);
        process.ErrorDataReceived += (_, e) => adapter.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await adapter.WaitForHealthAsync(cancellationToken);
        }
        catch
        {
            await adapter.DisposeAsync();
            throw;
        }

        return adapter;
    }

    /// <summary>Waits until a line containing every one of <paramref name="fragments"/> has been written (the console logger is asynchronous).</summary>
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

    /// <summary>Stops the process and waits until its output has been read to the end.</summary>
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

    private static bool IsAdapterSetting(string name) =>
        name.Contains("__", StringComparison.Ordinal)
        || name.StartsWith("AZURE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("IDENTITY_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MSI_", StringComparison.OrdinalIgnoreCase)
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

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The server did not say where it listens (exited: {_process.HasExited}):\n{OutputText}");
            }

            await Task.Delay(50, cancellationToken);
        }

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The server exited with code {_process.ExitCode} before answering /healthz:\n{OutputText}");
            }

            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
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
                // Started but slow to answer.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The server did not answer /healthz within {StartTimeout}:\n{OutputText}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
