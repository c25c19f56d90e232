namespace FireworksSimulator.Pipeline;

/// <summary>Endpoint metadata naming the request kind, read by the recording middleware.</summary>
internal sealed record RequestKindMetadata(RequestKind Kind);
