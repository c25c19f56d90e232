namespace ImageAdapter.Resilience;

/// <summary>
/// The time by which the current request must be answered, flowing with the async call chain from
/// <see cref="Http.AdapterEndpoint"/> to the Fireworks client, which stamps each outgoing call with the latest time a
/// retry may still start (<see cref="CallDeadlineKey"/>).
/// </summary>
internal static class RequestBudget
{
    private static readonly AsyncLocal<DateTimeOffset?> Deadline = new();

    /// <summary>On each outgoing <see cref="HttpRequestMessage"/>: the earlier of the request deadline and the call timeout.</summary>
    public static readonly HttpRequestOptionsKey<DateTimeOffset> CallDeadlineKey = new("ImageAdapter.CallDeadline");

    public static DateTimeOffset? Current => Deadline.Value;

    public static IDisposable Begin(DateTimeOffset deadline)
    {
        var previous = Deadline.Value;
        Deadline.Value = deadline;
        return new Restore(previous);
    }

    private sealed class Restore(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => Deadline.Value = previous;
    }
}
