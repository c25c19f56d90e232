namespace ImageAdapter.Errors;

/// <summary>
/// Every way a request can fail. <see cref="AdapterErrorTable"/> maps each kind to an HTTP status and the
/// OpenAI <c>error.type</c> / <c>error.code</c> in exactly one place.
/// </summary>
public enum AdapterErrorKind
{
    InvalidJson,
    MalformedRequest,
    RequestBodyTimeout,
    UnsupportedMediaType,
    RequestTooLarge,
    MissingParameter,
    InvalidParameter,
    UnknownParameter,
    UnsupportedParameter,
    ModelNotFound,
    ContentPolicyViolation,
    InvalidApiKey,
    AuthNotConfigured,
    AdapterNotConfigured,
    TooManyRequests,
    UpstreamBadRequest,
    UpstreamAuthenticationFailed,
    UpstreamPaymentRequired,
    UpstreamModelNotFound,
    UpstreamRateLimited,
    UpstreamUnavailable,
    UpstreamError,
    UpstreamTimeout,
    UpstreamUnreachable,
    UpstreamInvalidResponse,
    GenerationFailed,
    GenerationTimedOut,
    RequestTimedOut,
    NotFound,
    MethodNotAllowed,
    InternalError,
}
