using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>One process that serves a target, named by its role (server, YARP, host, worker, simulator).</summary>
internal sealed record ServingProcess(string Role, Process Process)
{
    /// <summary>Its working set now, in bytes; 0 once it has exited.</summary>
    public long WorkingSet => Read(process => process.WorkingSet64, 0L);

    /// <summary>The CPU time (user and kernel) it has used so far; zero once it has exited.</summary>
    public TimeSpan ProcessorTime => Read(process => process.TotalProcessorTime, TimeSpan.Zero);

    private T Read<T>(Func<Process, T> read, T exited)
    {
        try
        {
            Process.Refresh();
            return Process.HasExited ? exited : read(Process);
        }
        catch (InvalidOperationException)
        {
            return exited;
        }
    }
}
