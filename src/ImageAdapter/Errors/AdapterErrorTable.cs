using System.Collections.Frozen;

namespace ImageAdapter.Errors;

/// <summary>The one place an <see cref="AdapterErrorKind"/> becomes an HTTP status and OpenAI <c>error.type</c> / <c>error.code</c>.</summary>
internal static class AdapterErrorTable
{
    private const string InvalidRequest = "invalid_request_error";
    private const string ServerError = "server_error";

    private static readonly FrozenDictionary<AdapterErrorKind, AdapterErrorMapping> Mappings = new Dictionary<AdapterErrorKind, AdapterErrorMapping>
    {
        [AdapterErrorKind.InvalidJson] = new(400, InvalidRequest, "invalid_json"),
        [AdapterErrorKind.MalformedRequest] = new(400, InvalidRequest, "malformed_request"),
        [AdapterErrorKind.RequestBodyTimeout] = new(408, InvalidRequest, "request_body_timeout"),
        [AdapterErrorKind.UnsupportedMediaType] = new(415, InvalidRequest, "unsupported_media_type"),
        [AdapterErrorKind.RequestTooLarge] = new(413, InvalidRequest, "request_too_large"),
        [AdapterErrorKind.MissingParameter] = new(400, InvalidRequest, "missing_required_parameter"),
        [AdapterErrorKind.InvalidParameter] = new(400, InvalidRequest, "invalid_value"),
        [AdapterErrorKind.UnknownParameter] = new(400, InvalidRequest, "unknown_parameter"),
        [AdapterErrorKind.UnsupportedParameter] = new(400, InvalidRequest, "unsupported_parameter"),
        [AdapterErrorKind.ModelNotFound] = new(404, InvalidRequest, "model_not_found"),
        [AdapterErrorKind.ContentPolicyViolation] = new(400, InvalidRequest, "content_policy_violation"),
        [AdapterErrorKind.InvalidApiKey] = new(401, InvalidRequest, "invalid_api_key"),
        [AdapterErrorKind.AuthNotConfigured] = new(401, InvalidRequest, "auth_not_configured"),
        [AdapterErrorKind.AdapterNotConfigured] = new(503, ServerError, "adapter_not_configured"),
        [AdapterErrorKind.TooManyRequests] = new(429, "requests", "rate_limit_exceeded"),
        [AdapterErrorKind.UpstreamBadRequest] = new(400, InvalidRequest, "upstream_invalid_request"),
        [AdapterErrorKind.UpstreamAuthenticationFailed] = new(502, ServerError, "upstream_authentication_failed"),
        [AdapterErrorKind.UpstreamPaymentRequired] = new(402, "insufficient_quota", "insufficient_quota"),
        [AdapterErrorKind.UpstreamModelNotFound] = new(404, InvalidRequest, "model_not_found"),
        [AdapterErrorKind.UpstreamRateLimited] = new(429, "requests", "rate_limit_exceeded"),
        [AdapterErrorKind.UpstreamUnavailable] = new(503, ServerError, "upstream_unavailable"),
        [AdapterErrorKind.UpstreamError] = new(502, ServerError, "upstream_error"),
        [AdapterErrorKind.UpstreamTimeout] = new(504, ServerError, "upstream_timeout"),
        [AdapterErrorKind.UpstreamUnreachable] = new(502, ServerError, "upstream_unreachable"),
        [AdapterErrorKind.UpstreamInvalidResponse] = new(502, ServerError, "upstream_invalid_response"),
        [AdapterErrorKind.GenerationFailed] = new(502, ServerError, "generation_failed"),
        [AdapterErrorKind.GenerationTimedOut] = new(504, ServerError, "generation_timeout"),
        [AdapterErrorKind.RequestTimedOut] = new(504, ServerError, "request_timeout"),
        [AdapterErrorKind.NotFound] = new(404, InvalidRequest, "not_found"),
        [AdapterErrorKind.MethodNotAllowed] = new(405, InvalidRequest, "method_not_allowed"),
        [AdapterErrorKind.InternalError] = new(500, ServerError, "internal_error"),
    }.ToFrozenDictionary();

    public static AdapterErrorMapping For(AdapterErrorKind kind) => Mappings[kind];

    /// <summary>Every kind has a row; checked by a test so a new kind cannot be forgotten.</summary>
    public static IEnumerable<AdapterErrorKind> MappedKinds => Mappings.Keys;
}

/// <summary>How one error kind looks on the wire.</summary>
internal sealed record AdapterErrorMapping(int Status, string Type, string Code);
