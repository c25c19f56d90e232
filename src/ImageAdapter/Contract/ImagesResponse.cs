namespace ImageAdapter.Contract;

/// <summary>The OpenAI <c>ImagesResponse</c>.</summary>
internal sealed record ImagesResponse(
    long Created,
    IReadOnlyList<ImageData> Data,
    string OutputFormat,
    string? Size,
    ImageUsage Usage);

/// <summary>One image: <c>b64_json</c> (bytes, serialized as plain base64) or <c>url</c>.</summary>
internal sealed record ImageData(
    [property: System.Text.Json.Serialization.JsonPropertyName("b64_json")] ReadOnlyMemory<byte>? B64Json,
    string? Url = null);

/// <summary>The OpenAI <c>ImageGenUsage</c> block, computed by <see cref="Usage.UsageCalculator"/>.</summary>
internal sealed record ImageUsage(int InputTokens, int OutputTokens, int TotalTokens, InputTokensDetails InputTokensDetails);

internal sealed record InputTokensDetails(int TextTokens, int ImageTokens);
