using System.Collections.Concurrent;
using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>
/// One server under test in its own process (<c>dotnet X.dll --urls http://127.0.0.1:PORT</c>, or a launcher such as
/// the Functions host's), so its working set is its own and the load generator does not share its heap. Its output is
/// read as it comes (only the last lines kept), so a process that logs every request never blocks on a full pipe.
/// Stopped with every process it started on dispose.
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private const string LogLevelVariable = "Logging__LogLevel__Default";
    private readonly ConcurrentQueue<string> _output = new();

    private TargetProcess(string name, Process process, Uri origin)
    {
        Name = name;
        Process = process;
        Origin = origin;
        Process.OutputDataReceived += (_, e) => Keep(e.Data);
        Process.ErrorDataReceived += (_, e) => Keep(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Process Process { get; }

    public Uri Origin { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> [args] --urls http://127.0.0.1:PORT</c> on a free port.</summary>
    public static TargetProcess Start(
        string name, string dll, IEnumerable<string> extraArgs, IReadOnlyDictionary<string, string> environment, bool ownLogging = false)
    {
        var origin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(RepoLayout.DotnetHost) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(origin.AbsoluteUri.TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Start(name, start, origin, environment, ownLogging);
    }

    /// <summary>
    /// Starts a prepared command that will listen on <paramref name="origin"/>, with <paramref name="environment"/> added
    /// and Warning logging, or with <paramref name="ownLogging"/> the levels of its own configuration (appsettings.json).
    /// </summary>
    public static TargetProcess Start(
        string name, ProcessStartInfo start, Uri origin, IReadOnlyDictionary<string, string> environment, bool ownLogging = false)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // Warning keeps console logging out of the figures; the logging target measures what the shipped levels cost,
        // so it drops a level the bench's own environment may carry too.
        if (ownLogging)
        {
            start.Environment.Remove(LogLevelVariable);
        }
        else
        {
            start.Environment[LogLevelVariable] = "Warning";
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new TargetProcess(name, Process.Start(start)!, origin);
    }

    /// <summary>Waits until the server answers anything at all on <paramref name="path"/> (or, with <paramref name="needOk"/>, a 200).</summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout, bool needOk = false)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {Process.ExitCode}:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Origin, path));
                if (!needOk || response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(needOk ? 100 : 20);
        }

        throw new TimeoutException($"{Name} did not answer {path} {(needOk ? "with 200 " : "")}within {timeout}:\n{RecentOutput()}");
    }

    public string RecentOutput() => string.Join('\n', _output.TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
