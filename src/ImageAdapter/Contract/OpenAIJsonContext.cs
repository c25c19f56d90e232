using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageAdapter.Contract;

/// <summary>Source-generated JSON for the OpenAI side: snake_case on the wire, nulls left out except where the spec requires them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CreateImageRequest))]
[JsonSerializable(typeof(ImagesResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ImageCompletedEvent))]
[JsonSerializable(typeof(StreamErrorEvent))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For writing responses: like <see cref="JsonSerializerContext"/>'s default, but quotes in messages stay readable
    /// (<c>'size'</c>, not <c>\u0027size\u0027</c>). Responses are <c>application/json</c>, never embedded in HTML.
    /// </summary>
    public static OpenAIJsonContext Responses { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
