using System.Collections.Concurrent;
using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>
/// One server under test in its own process (<c>dotnet X.dll --urls http://127.0.0.1:PORT</c>), so its working set is
/// its own and the load generator does not share its heap.
/// </summary>
internal sealed class TargetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private TargetProcess(string name, Process process, Uri origin)
    {
        Name = name;
        _process = process;
        Origin = origin;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WorkingSet = new WorkingSetSampler(process);
    }

    public string Name { get; }

    public Uri Origin { get; }

    public WorkingSetSampler WorkingSet { get; }

    public bool HasExited => _process.HasExited;

    public static TargetProcess Start(string name, string dll, IEnumerable<string> extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var origin = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(RepoLayout.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(origin.AbsoluteUri.TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new TargetProcess(name, Process.Start(start)!, origin);
    }

    /// <summary>Waits until the server answers anything at all on <paramref name="path"/>.</summary>
    public async Task WaitReadyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Origin, path));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"{Name} did not answer within {timeout}:\n{RecentOutput()}");
    }

    public string RecentOutput() => string.Join('\n', _output.TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        await WorkingSet.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
