using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace ImageAdapter.Bench;

/// <summary>
/// Counts the bytes a running .NET process allocates, from outside it: an EventPipe session over the process's
/// diagnostics channel (what <c>dotnet-counters</c> and <c>dotnet-trace</c> open) with the runtime's GC events at
/// verbose level, whose <c>GCAllocationTick</c> event reports the bytes a heap allocated since its previous tick,
/// about every 100 KB per heap and object kind. The ticks inside a window are summed, so the count is exact but for
/// what each heap had not yet reported at either end of the window (under 100 KB per heap and kind).
/// <para>
/// Not the System.Runtime meter's <c>dotnet.gc.heap.total_allocated</c>: that is <see cref="GC.GetTotalAllocatedBytes"/>,
/// which under server GC with DATAS loses the count of heaps it decommissions (dotnet/runtime#131069) and, because
/// it never reports less than it reported before, then stands still while the process allocates; the bench saw it
/// stand still through 50 requests of 1.7 MB each. Allocation ticks come from the heaps themselves.
/// </para>
/// </summary>
internal sealed class AllocationCounter : IAsyncDisposable
{
    /// <summary>The runtime's allocation tick threshold, per heap and object kind (small, large, pinned).</summary>
    public const long TickBytes = 100 * 1024;

    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly List<(DateTime At, long Bytes, string Type)> _ticks = [];
    private bool _stopped;

    private AllocationCounter(int processId)
    {
        var gc = new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC);
        _session = new DiagnosticsClient(processId).StartEventPipeSession([gc], requestRundown: false);
        _source = new EventPipeEventSource(_session.EventStream);
        _source.Clr.GCAllocationTick += OnTick;
        _reader = Task.Run(() => _source.Process());
    }

    /// <summary>Starts counting; allocations from now on are seen.</summary>
    public static AllocationCounter Start(int processId) => new(processId);

    /// <summary>Stops the session, reads what it still had buffered, and returns the bytes allocated between the two times (UTC).</summary>
    public async Task<long> StopAsync(DateTime from, DateTime to)
    {
        await StopSessionAsync();
        lock (_gate)
        {
            return _ticks.Where(t => t.At >= from && t.At <= to).Sum(t => t.Bytes);
        }
    }

    /// <summary>
    /// After <see cref="StopAsync"/>: the <paramref name="count"/> types whose allocations crossed a tick most, by the
    /// bytes of those ticks. A tick names the object that crossed the threshold, so this samples allocations by size.
    /// </summary>
    public IReadOnlyList<(string Type, long Bytes)> TopTypes(DateTime from, DateTime to, int count)
    {
        lock (_gate)
        {
            return _ticks.Where(t => t.At >= from && t.At <= to)
                .GroupBy(t => t.Type, (type, ticks) => (type, ticks.Sum(t => t.Bytes)))
                .OrderByDescending(t => t.Item2)
                .Take(count)
                .ToArray();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopSessionAsync();
        _source.Dispose();
        _session.Dispose();
    }

    private async Task StopSessionAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The process is gone: its stream has ended too.
        }

        try
        {
            await _reader;
        }
        catch (Exception exception) when (exception is IOException or EndOfStreamException or ObjectDisposedException)
        {
            // A stream cut short by the process exiting: the ticks read so far stand.
        }
    }

    private void OnTick(GCAllocationTickTraceData tick)
    {
        var bytes = tick.AllocationAmount64 > 0 ? tick.AllocationAmount64 : tick.AllocationAmount;
        lock (_gate)
        {
            _ticks.Add((tick.TimeStamp.ToUniversalTime(), bytes, tick.TypeName));
        }
    }
}
