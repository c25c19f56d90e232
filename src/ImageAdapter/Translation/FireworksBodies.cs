using System.Text.Json.Serialization;

namespace ImageAdapter.Translation;

/// <summary>Request body of <c>image_generation/{model}</c> (fields from Fireworks' client, <c>TextToImageRequestBody</c>).</summary>
internal sealed record SdxlRequestBody(
    string Prompt,
    string? NegativePrompt,
    int? CfgScale,
    int? Height,
    int? Width,
    string? Sampler,
    int Samples,
    int? Steps,
    long? Seed,
    bool? SafetyCheck);

/// <summary>
/// One element of the top-level JSON array <c>image_generation</c> answers for <c>Accept: application/json</c>;
/// <c>base64</c> is located while reading and decoded afterwards, in place (<see cref="SdxlTranslator.ReadArtifacts"/>).
/// </summary>
internal sealed record SdxlArtifact([property: JsonConverter(typeof(Base64PayloadConverter))] Base64Text? Base64, string? FinishReason, long? Seed);

/// <summary>Request body of <c>workflows/{model}/text_to_image</c>.</summary>
internal sealed record FluxRequestBody(
    string Prompt,
    string? AspectRatio,
    double? GuidanceScale,
    int? NumInferenceSteps,
    long? Seed,
    bool? SafetyCheck);

/// <summary>
/// Request body of the Kontext submit call <c>workflows/{model}</c>. <c>input_image</c> is here only as a URL; image
/// bytes are written into the body as it is sent (<see cref="InputImageJsonContent"/>).
/// </summary>
internal sealed record KontextSubmitBody(
    string Prompt,
    string? InputImage,
    string? AspectRatio,
    string OutputFormat,
    long? Seed,
    bool? PromptUpsampling,
    int? SafetyTolerance);

internal sealed record KontextSubmitResponse(string? RequestId);

internal sealed record KontextPollBody(string Id);

/// <summary>Answer of <c>get_result</c>: <c>status</c> is one of the documented strings, <c>result.sample</c> the image URL when Ready.</summary>
internal sealed record KontextPollResponse(string? Id, string? Status, KontextResult? Result);

internal sealed record KontextResult(string? Sample);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SdxlRequestBody))]
[JsonSerializable(typeof(FluxRequestBody))]
[JsonSerializable(typeof(KontextSubmitBody))]
[JsonSerializable(typeof(KontextSubmitResponse))]
[JsonSerializable(typeof(KontextPollBody))]
[JsonSerializable(typeof(KontextPollResponse))]
internal sealed partial class FireworksJsonContext : JsonSerializerContext;

/// <summary>The camelCase answers (<c>finishReason</c>) of the synchronous endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SdxlArtifact[]))]
internal sealed partial class FireworksCamelCaseJsonContext : JsonSerializerContext;
