using FireworksSimulator;

namespace ImageAdapter.Tests.EndToEnd;

/// <summary>The README error table's rows, as test data: the end-to-end tests and the host-parity tests share them.</summary>
public static class ErrorTableRows
{
    public const string ValidBody = """{"model":"flux-1-schnell-fp8","prompt":"a fox"}""";

    /// <summary>Body, content type, then the expected status, <c>error.code</c> and <c>error.param</c>.</summary>
    public static TheoryData<string, string, int, string, string?> BadRequests => new()
    {
        { "{\"prompt\":", "application/json", 400, "invalid_json", null },
        { "[]", "application/json", 400, "invalid_json", null },
        { "", "application/json", 400, "invalid_json", null },
        { ValidBody, "text/plain", 415, "unsupported_media_type", null },
        { ValidBody, "multipart/form-data; boundary=x", 415, "unsupported_media_type", null },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","n":"two"}""", "application/json", 400, "invalid_value", "n" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","n":11}""", "application/json", 400, "invalid_value", "n" },
        { """{"model":"flux-1-schnell-fp8"}""", "application/json", 400, "missing_required_parameter", "prompt" },
        { """{"prompt":"a fox"}""", "application/json", 400, "missing_required_parameter", "model" },
        { """{"model":"gpt-image-1","prompt":"a fox"}""", "application/json", 404, "model_not_found", "model" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","mask":"x"}""", "application/json", 400, "unknown_parameter", "mask" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","stream":true,"partial_images":4}""", "application/json", 400, "invalid_value", "partial_images" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","response_format":"url"}""", "application/json", 400, "unsupported_parameter", "response_format" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","output_format":"webp"}""", "application/json", 400, "unsupported_parameter", "output_format" },
        { """{"model":"flux-1-schnell-fp8","prompt":"a fox","background":"transparent"}""", "application/json", 400, "unsupported_parameter", "background" },
        { """{"model":"SSD-1B","prompt":"a fox","size":"1792x1024"}""", "application/json", 400, "invalid_value", "size" },
    };

    /// <summary>Fireworks' status and error body shape, then the expected status and <c>error.code</c>.</summary>
    public static TheoryData<int, ErrorBodyShape, int, string> UpstreamStatuses => new()
    {
        { 400, ErrorBodyShape.FireworksError, 400, "upstream_invalid_request" },
        { 400, ErrorBodyShape.PlainText, 400, "upstream_invalid_request" },
        { 401, ErrorBodyShape.FireworksError, 502, "upstream_authentication_failed" },
        { 402, ErrorBodyShape.ErrorString, 402, "insufficient_quota" },
        { 403, ErrorBodyShape.GatewayFault, 502, "upstream_authentication_failed" },
        { 404, ErrorBodyShape.Detail, 404, "model_not_found" },
        { 408, ErrorBodyShape.PlainText, 504, "upstream_timeout" },
        { 412, ErrorBodyShape.FireworksError, 502, "upstream_error" },
        { 413, ErrorBodyShape.PlainText, 400, "upstream_invalid_request" },
        { 422, ErrorBodyShape.Detail, 400, "upstream_invalid_request" },
        { 429, ErrorBodyShape.FireworksError, 429, "rate_limit_exceeded" },
        { 500, ErrorBodyShape.FireworksError, 502, "upstream_error" },
        { 502, ErrorBodyShape.PlainText, 502, "upstream_error" },
        { 503, ErrorBodyShape.Empty, 503, "upstream_unavailable" },
        { 504, ErrorBodyShape.PlainText, 504, "upstream_timeout" },
        { 520, ErrorBodyShape.PlainText, 502, "upstream_error" },
    };
}
