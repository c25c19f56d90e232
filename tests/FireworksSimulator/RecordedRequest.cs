namespace FireworksSimulator;

/// <summary>One request as the simulator received it, before any routing or auth decision.</summary>
/// <param name="Sequence">1-based arrival order since start or the last <see cref="SimulatorState.Reset"/>.</param>
/// <param name="PathAndQuery">Path plus query string exactly as sent (e.g. <c>/inference/v1/…?id=x</c>).</param>
/// <param name="Headers">All headers, case-insensitive names; repeated values joined with <c>", "</c>.</param>
/// <param name="Body">The raw body as UTF-8 text (empty when none).</param>
/// <param name="Host">The <c>Host</c> header the client used (e.g. <c>127.0.0.1:5005</c> or <c>localhost:5005</c>).</param>
public sealed record RecordedRequest(
    long Sequence,
    RequestKind Kind,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string Host,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The <c>Authorization</c> header, or null when the client sent none.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
