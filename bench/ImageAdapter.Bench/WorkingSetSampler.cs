namespace ImageAdapter.Bench;

/// <summary>
/// Samples the working sets of a target's processes together every 100 ms and keeps the peak of their sum and of
/// each; <see cref="Reset"/> starts a new peak window.
/// </summary>
internal sealed class WorkingSetSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly IReadOnlyList<ServingProcess> _processes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly long[] _peaks;
    private readonly Task _loop;
    private long _peakSum;

    public WorkingSetSampler(IReadOnlyList<ServingProcess> processes)
    {
        _processes = processes;
        _peaks = new long[processes.Count];
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Highest sum of the working sets seen since the last <see cref="Reset"/>, in bytes.</summary>
    public long Peak
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _peakSum;
            }
        }
    }

    /// <summary>Each process's own highest working set since the last <see cref="Reset"/> (not necessarily at the same moment).</summary>
    public IReadOnlyList<ProcessPeak> Peaks
    {
        get
        {
            Sample();
            lock (_gate)
            {
                return _processes.Select((p, i) => new ProcessPeak(p.Role, _peaks[i])).ToArray();
            }
        }
    }

    public void Reset()
    {
        var current = Read();
        lock (_gate)
        {
            current.CopyTo(_peaks, 0);
            _peakSum = current.Sum();
        }
    }

    /// <summary>The sum of the working sets now, in bytes.</summary>
    public long Current() => Read().Sum();

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

    private long[] Read() => _processes.Select(p => p.WorkingSet).ToArray();

    private void Sample()
    {
        var current = Read();
        lock (_gate)
        {
            for (var i = 0; i < current.Length; i++)
            {
                _peaks[i] = Math.Max(_peaks[i], current[i]);
            }

            _peakSum = Math.Max(_peakSum, current.Sum());
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            Sample();
        }
    }
}
