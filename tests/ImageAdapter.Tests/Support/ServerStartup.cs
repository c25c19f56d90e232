using System.Diagnostics;

namespace ImageAdapter.Tests.Support;

/// <summary>
/// Starts the real standalone server process with the given environment and waits until it either exits or listens:
/// what an operator sees when a setting is wrong.
/// </summary>
public static class ServerStartup
{
    /// <summary>Exit code (null if it started and was stopped) and everything it wrote.</summary>
    public sealed record Outcome(int? ExitCode, string Output);

    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> variables, string environment = "Production")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ImageAdapter.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        foreach (var inherited in start.Environment.Keys.Where(AdapterProcess.IsAdapterSetting).ToArray())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAny(process.WaitForExitAsync(timeout.Token), listening.Task, Task.Delay(Timeout.Infinite, timeout.Token));
        int? exitCode = null;
        if (process.HasExited)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            exitCode = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return new Outcome(exitCode, string.Join('\n', output));

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Enqueue(line);
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }
    }
}
