using ImageAdapter.Imaging;

namespace ImageAdapter.Contract;

/// <summary>
/// An OpenAI image stream event (<c>image_generation.completed</c> or <c>image_edit.completed</c>): one image with its
/// settings and usage. <c>size</c>, <c>quality</c> and <c>background</c> are required and limited to OpenAI's values.
/// </summary>
internal sealed record ImageCompletedEvent(
    string Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("b64_json")] ImageBody B64Json,
    long CreatedAt,
    string Size,
    string Quality,
    string Background,
    string OutputFormat,
    ImageUsage Usage);

/// <summary>The stream's <c>error</c> event: the OpenAI error envelope with a <c>type</c>, which the SDKs raise as an API error.</summary>
internal sealed record StreamErrorEvent(string Type, ErrorBody Error);
