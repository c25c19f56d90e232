using ImageAdapter.Imaging;

namespace ImageAdapter.Contract;

/// <summary>The OpenAI <c>ImagesResponse</c>.</summary>
internal sealed record ImagesResponse(
    long Created,
    IReadOnlyList<ImageData> Data,
    string OutputFormat,
    string? Size,
    ImageUsage Usage);

/// <summary>One image: <c>b64_json</c> (serialized as plain base64, <see cref="ImageBodyJsonConverter"/>) or <c>url</c>.</summary>
internal sealed record ImageData(
    [property: System.Text.Json.Serialization.JsonPropertyName("b64_json")] ImageBody? B64Json,
    string? Url = null);

/// <summary>The OpenAI <c>ImageGenUsage</c> block, computed by <see cref="Usage.UsageCalculator"/>.</summary>
internal sealed record ImageUsage(int InputTokens, int OutputTokens, int TotalTokens, InputTokensDetails InputTokensDetails);

internal sealed record InputTokensDetails(int TextTokens, int ImageTokens);
