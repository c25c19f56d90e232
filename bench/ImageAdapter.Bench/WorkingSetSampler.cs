using System.Diagnostics;

namespace ImageAdapter.Bench;

/// <summary>Samples a process's working set every 100 ms; <see cref="Reset"/> starts a new peak window.</summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public WorkingSetSampler(Process process)
    {
        _process = process;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Highest working set seen since the last <see cref="Reset"/>, in bytes.</summary>
    public long Peak => Math.Max(Interlocked.Read(ref _peak), Current());

    public void Reset() => Interlocked.Exchange(ref _peak, Current());

    public long Current()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var current = Current();
            long seen;
            do
            {
                seen = Interlocked.Read(ref _peak);
            }
            while (current > seen && Interlocked.CompareExchange(ref _peak, current, seen) != seen);
        }
    }
}
