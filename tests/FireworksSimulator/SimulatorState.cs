using System.Collections.Concurrent;
using System.Collections.Immutable;
using FireworksSimulator.Routes;

namespace FireworksSimulator;

/// <summary>
/// Everything a test reads or changes while the simulator runs. All members are thread-safe:
/// requests are served concurrently while a test swaps keys or queues faults.
/// </summary>
public sealed class SimulatorState
{
    private readonly SimulatorOptions _options;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedRequest> _aborted = [];
    private readonly List<SimulatorFault> _faults = [];
    private readonly Queue<KontextScript> _kontextScripts = new();
    private readonly List<KontextInput> _kontextInputs = [];
    private ImmutableHashSet<string> _keys;
    private SimulatorFault? _persistentFault;
    private KontextScript _defaultKontextScript = KontextScript.Default;
    private long _sequence;
    private volatile bool _fluxJsonDataUriPrefix;

    public SimulatorState(SimulatorOptions? options = null)
    {
        _options = options ?? new SimulatorOptions();
        _keys = [.. _options.ApiKeys];
        _fluxJsonDataUriPrefix = _options.FluxJsonDataUriPrefix;
    }

    internal ConcurrentDictionary<string, KontextTask> KontextTasks { get; } = new();

    /// <summary>The keys accepted in <c>Authorization: Bearer …</c> right now.</summary>
    public IReadOnlySet<string> AcceptedKeys => _keys;

    /// <summary>Replaces the accepted keys (e.g. to simulate a key rotation).</summary>
    public void SetAcceptedKeys(params IEnumerable<string> keys) => _keys = [.. keys];

    public void AddAcceptedKey(string key) => ImmutableInterlocked.Update(ref _keys, set => set.Add(key));

    public void RemoveAcceptedKey(string key) => ImmutableInterlocked.Update(ref _keys, set => set.Remove(key));

    /// <summary>Whether FLUX JSON <c>base64</c> items carry the <c>data:image/…;base64,</c> prefix.</summary>
    public bool FluxJsonDataUriPrefix
    {
        get => _fluxJsonDataUriPrefix;
        set => _fluxJsonDataUriPrefix = value;
    }

    /// <summary>Every request received, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Requests whose client disconnected or cancelled while the simulator was still working.</summary>
    public IReadOnlyList<RecordedRequest> AbortedRequests
    {
        get { lock (_gate) { return [.. _aborted]; } }
    }

    public int AbortedCount
    {
        get { lock (_gate) { return _aborted.Count; } }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> aborts were seen. The server notices a client
    /// disconnect a moment after the client gives up, so tests wait instead of asserting at once.
    /// </summary>
    public async Task<bool> WaitForAbortedCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (AbortedCount < count)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>Queues a one-shot fault; the next request of a matching kind consumes it.</summary>
    public void EnqueueFault(SimulatorFault fault)
    {
        lock (_gate) { _faults.Add(fault); }
    }

    /// <summary>Sets (or with null clears) a fault applied to every matching request when no one-shot fault matches.</summary>
    public void SetPersistentFault(SimulatorFault? fault)
    {
        lock (_gate) { _persistentFault = fault; }
    }

    public int PendingFaultCount
    {
        get { lock (_gate) { return _faults.Count; } }
    }

    /// <summary>Clears queued one-shot faults and the persistent fault.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
            _persistentFault = null;
        }
    }

    /// <summary>The script used by Kontext submits when no queued script is waiting.</summary>
    public KontextScript DefaultKontextScript
    {
        get { lock (_gate) { return _defaultKontextScript; } }
        set { lock (_gate) { _defaultKontextScript = value; } }
    }

    /// <summary>Queues a script consumed by the next Kontext submit.</summary>
    public void EnqueueKontextScript(KontextScript script)
    {
        lock (_gate) { _kontextScripts.Enqueue(script); }
    }

    /// <summary>The <c>input_image</c> of every accepted Kontext submit that had one, in arrival order (a snapshot).</summary>
    public IReadOnlyList<KontextInput> KontextInputs
    {
        get { lock (_gate) { return [.. _kontextInputs]; } }
    }

    /// <summary>
    /// Makes an <c>input_image</c> URL answer with <paramref name="image"/> without a download: for tests whose URLs name
    /// hosts the simulator cannot reach (Fireworks would fetch them from the internet).
    /// </summary>
    public void ServeInputImage(string url, byte[] image) => InputImageUrls[url] = image;

    internal ConcurrentDictionary<string, byte[]> InputImageUrls { get; } = new(StringComparer.Ordinal);

    /// <summary>Forgets requests, aborts, faults, scripts, tasks, Kontext inputs and served input images; restores the start-up keys and options.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _aborted.Clear();
            _faults.Clear();
            _persistentFault = null;
            _kontextScripts.Clear();
            _kontextInputs.Clear();
            _defaultKontextScript = KontextScript.Default;
            _sequence = 0;
        }

        KontextTasks.Clear();
        InputImageUrls.Clear();
        _keys = [.. _options.ApiKeys];
        _fluxJsonDataUriPrefix = _options.FluxJsonDataUriPrefix;
    }

    internal bool IsAccepted(string key) => _keys.Contains(key);

    internal RecordedRequest Record(Func<long, RecordedRequest> create)
    {
        lock (_gate)
        {
            var request = create(++_sequence);
            _requests.Add(request);
            return request;
        }
    }

    internal void RecordAbort(RecordedRequest request)
    {
        lock (_gate) { _aborted.Add(request); }
    }

    internal void RecordKontextInput(KontextInput input)
    {
        lock (_gate) { _kontextInputs.Add(input); }
    }

    internal SimulatorFault? TakeFault(RequestKind kind)
    {
        lock (_gate)
        {
            var index = _faults.FindIndex(fault => fault.Matches(kind));
            if (index < 0)
            {
                return _persistentFault is { } persistent && persistent.Matches(kind) ? persistent : null;
            }

            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    internal KontextScript TakeKontextScript()
    {
        lock (_gate)
        {
            return _kontextScripts.TryDequeue(out var script) ? script : _defaultKontextScript;
        }
    }
}
