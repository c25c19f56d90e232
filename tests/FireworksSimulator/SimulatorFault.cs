namespace FireworksSimulator;

/// <summary>
/// One injected misbehaviour. <see cref="Delay"/> is applied first for every kind (honouring the
/// client's cancellation), then <see cref="Kind"/> decides the answer. Build with the factories.
/// </summary>
public sealed record SimulatorFault
{
    public FaultKind Kind { get; init; }
    public RequestKind Target { get; init; } = RequestKind.Any;
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;
    public int StatusCode { get; init; } = 500;
    public ErrorBodyShape BodyShape { get; init; } = ErrorBodyShape.FireworksError;
    public string Message { get; init; } = "Simulated failure";
    /// <summary>Overrides <c>error.type</c> for <see cref="ErrorBodyShape.FireworksError"/>.</summary>
    public string? ErrorType { get; init; }
    /// <summary>Raw <c>Retry-After</c> header value (seconds or an HTTP date); null sends none.</summary>
    public string? RetryAfter { get; init; }
    /// <summary>
    /// For <see cref="FaultKind.ContentFiltered"/> on an SDXL JSON answer: the 0-based index of the only filtered
    /// artifact; null filters every one.
    /// </summary>
    public int? FilteredSample { get; init; }
    /// <summary>
    /// When set, the answer waits (after <see cref="Delay"/>) until this task completes or the client gives up: a
    /// test holds a call in flight for exactly as long as it needs, whatever the machine's speed.
    /// </summary>
    public Task? Release { get; init; }

    public static SimulatorFault Latency(TimeSpan delay, RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.Latency, Delay = delay, Target = target };

    /// <summary>Answers normally once <paramref name="release"/> completes (see <see cref="Release"/>).</summary>
    public static SimulatorFault HeldUntil(Task release, RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.Latency, Release = release, Target = target };

    public static SimulatorFault Status(
        int statusCode,
        ErrorBodyShape shape = ErrorBodyShape.FireworksError,
        string? message = null,
        string? retryAfter = null,
        RequestKind target = RequestKind.Any) =>
        new()
        {
            Kind = FaultKind.Status,
            StatusCode = statusCode,
            BodyShape = shape,
            Message = message ?? $"Simulated HTTP {statusCode}",
            RetryAfter = retryAfter,
            Target = target,
        };

    /// <summary>429 "Over Quota", with <c>Retry-After</c> when <paramref name="retryAfterSeconds"/> is given.</summary>
    public static SimulatorFault RateLimited(int? retryAfterSeconds = null, RequestKind target = RequestKind.Any) =>
        Status(429, ErrorBodyShape.FireworksError, "Request rate limit exceeded, please try again later",
            retryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture), target);

    public static SimulatorFault ContentFiltered(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.ContentFiltered, Target = target };

    /// <summary>Filters only artifact <paramref name="index"/> (0-based) of an SDXL JSON answer; the others succeed.</summary>
    public static SimulatorFault ContentFilteredSample(int index, RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.ContentFiltered, Target = target, FilteredSample = index };

    public static SimulatorFault MalformedBody(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.MalformedBody, Target = target };

    public static SimulatorFault WrongContentType(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.WrongContentType, Target = target };

    public static SimulatorFault DroppedConnection(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.DroppedConnection, Target = target };

    public static SimulatorFault ExtraArtifact(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.ExtraArtifact, Target = target };

    public static SimulatorFault NotBase64Artifact(RequestKind target = RequestKind.Any) =>
        new() { Kind = FaultKind.NotBase64Artifact, Target = target };

    internal bool Matches(RequestKind kind) => Target == RequestKind.Any || Target == kind;
}
