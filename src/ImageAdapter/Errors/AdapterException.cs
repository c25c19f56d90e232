namespace ImageAdapter.Errors;

/// <summary>A failure the adapter answers with an OpenAI error envelope.</summary>
/// <param name="kind">What went wrong; decides status, type and code.</param>
/// <param name="message">Client-facing text: never a secret, a prompt or an upstream internal.</param>
/// <param name="param">The request field at fault, if any.</param>
public sealed class AdapterException(AdapterErrorKind kind, string message, string? param = null, Exception? inner = null)
    : Exception(message, inner)
{
    public AdapterErrorKind Kind { get; } = kind;

    public string? Param { get; } = param;

    /// <summary>Seconds the client should wait before retrying, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
