using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>CPU time (user and kernel) that a target's processes spend in a load run's measured window.</summary>
internal static class ProcessCpu
{
    /// <summary>Waits for <paramref name="start"/> on <paramref name="clock"/>, then returns the CPU the processes use until <paramref name="end"/>.</summary>
    public static async Task<TimeSpan> MeasureAsync(
        IReadOnlyList<ServingProcess> processes, Stopwatch clock, TimeSpan start, TimeSpan end, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(clock, start, cancellationToken);
        var before = Total(processes);
        await DelayUntilAsync(clock, end, cancellationToken);
        return Total(processes) - before;
    }

    private static Task DelayUntilAsync(Stopwatch clock, TimeSpan when, CancellationToken cancellationToken) =>
        when > clock.Elapsed ? Task.Delay(when - clock.Elapsed, cancellationToken) : Task.CompletedTask;

    private static TimeSpan Total(IReadOnlyList<ServingProcess> processes) =>
        processes.Aggregate(TimeSpan.Zero, (sum, serving) => sum + serving.ProcessorTime);
}
