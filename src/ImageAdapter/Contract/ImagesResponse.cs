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
    [property: System.Text.Json.Serialization.JsonPropertyName("b64_json")] byte[]? B64Json,
    string? Url = null);

/// <summary>The OpenAI <c>ImageGenUsage</c> block, computed by <see cref="Usage.UsageCalculator"/>.</summary>
internal sealed record ImageUsage(int InputTokens, int OutputTokens, int TotalTokens, InputTokensDetails InputTokensDetails);

internal sealed record InputTokensDetails(int TextTokens, int ImageTokens);

/// <summary>
/// An OpenAI image stream event (<c>image_generation.completed</c> or <c>image_edit.completed</c>): one image with its
/// settings and usage. <c>size</c>, <c>quality</c> and <c>background</c> are required and limited to OpenAI's values.
/// </summary>
internal sealed record ImageCompletedEvent(
    string Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("b64_json")] byte[] B64Json,
    long CreatedAt,
    string Size,
    string Quality,
    string Background,
    string OutputFormat,
    ImageUsage Usage);

/// <summary>The stream's <c>error</c> event: the OpenAI error envelope with a <c>type</c>, which the SDKs raise as an API error.</summary>
internal sealed record StreamErrorEvent(string Type, ErrorBody Error);
