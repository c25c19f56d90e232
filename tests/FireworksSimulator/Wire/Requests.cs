namespace FireworksSimulator.Wire;

// Request bodies as documented in contract §1.1–1.3; snake_case comes from the JSON context.
// Unknown fields are ignored (the upstream pydantic models ignore extras); wrong types fail as 400.

/// <summary>SDXL-class <c>image_generation</c> body (§1.1).</summary>
internal sealed record SdxlRequest(
    string? Prompt,
    string? NegativePrompt,
    double? CfgScale,
    int? Height,
    int? Width,
    string? Sampler,
    int? Samples,
    int? Steps,
    long? Seed,
    string? StylePreset,
    bool? SafetyCheck);

/// <summary>FLUX <c>text_to_image</c> body (§1.2).</summary>
internal sealed record FluxRequest(
    string? Prompt,
    string? AspectRatio,
    double? GuidanceScale,
    int? NumInferenceSteps,
    long? Seed,
    bool? SafetyCheck);

/// <summary>Kontext submit body (§1.3).</summary>
internal sealed record KontextSubmitRequest(
    string? Prompt,
    string? InputImage,
    long? Seed,
    string? AspectRatio,
    string? OutputFormat,
    string? WebhookUrl,
    string? WebhookSecret,
    bool? PromptUpsampling,
    int? SafetyTolerance);

/// <summary>Kontext <c>get_result</c> body (§1.3).</summary>
internal sealed record KontextPollRequest(string? Id);
