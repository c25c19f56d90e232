using ImageAdapter.Catalogue;

namespace ImageAdapter.Validation;

/// <summary>A request that passed validation: everything a translator needs, nothing it must check again.</summary>
internal sealed record ImageGenerationRequest(
    ModelEntry Model,
    string Prompt,
    int N,
    ImageSize? Size,
    string? AspectRatio,
    ImageFormat Format,
    int? JpegQuality,
    ResponseFormat ResponseFormat,
    FireworksExtras Extras,
    InputImage? InputImage = null,
    bool Stream = false,
    string? Quality = null);

/// <summary>Explicit pixel size (SDXL-class only); with <c>AspectRatio</c> also absent, the model default applies.</summary>
internal sealed record ImageSize(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}

internal enum ImageFormat
{
    Png,
    Jpeg,
}

internal enum ResponseFormat
{
    B64Json,
    Url,
}

/// <summary>Fireworks-specific fields, already checked against what the model's family accepts.</summary>
internal sealed record FireworksExtras
{
    public string? NegativePrompt { get; init; }
    public long? Seed { get; init; }
    public int? Steps { get; init; }
    public double? Guidance { get; init; }
    public string? Sampler { get; init; }
    public bool? SafetyCheck { get; init; }
    public int? SafetyTolerance { get; init; }
    public bool? PromptUpsampling { get; init; }
}
