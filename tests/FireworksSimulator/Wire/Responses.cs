using System.Text.Json.Serialization;

namespace FireworksSimulator.Wire;

// Response names are spelled out: the image endpoints mix camelCase (finishReason) and snake_case (request_id).

/// <summary>One element of the SDXL JSON array answer.</summary>
internal sealed record SdxlArtifact(
    [property: JsonPropertyName("base64")] string Base64,
    [property: JsonPropertyName("finishReason")] string FinishReason,
    [property: JsonPropertyName("seed")] long Seed);

/// <summary>FLUX <c>text_to_image</c> JSON answer.</summary>
internal sealed record FluxJsonResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("base64")] IReadOnlyList<string> Base64,
    [property: JsonPropertyName("finishReason")] string FinishReason,
    [property: JsonPropertyName("seed")] long Seed);

internal sealed record KontextSubmitResponse([property: JsonPropertyName("request_id")] string RequestId);

internal sealed record KontextResult([property: JsonPropertyName("sample")] string Sample);

internal sealed record KontextDetails([property: JsonPropertyName("message")] string Message);

internal sealed record KontextPollResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("result")] KontextResult? Result,
    [property: JsonPropertyName("progress")] double? Progress,
    [property: JsonPropertyName("details")] KontextDetails? Details);
